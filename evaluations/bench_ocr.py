"""OCR of scanned PDFs: one page at a time against the process pool, then again from a warm page cache.

    PYTHONPATH=. .venv/bin/python evaluations/bench_ocr.py corpus/sop-*.pdf corpus/perbup-blitar-116-2022-*.pdf

Each file is loaded three times with the real Tesseract, as ingest loads it (`load_pages`): sequential
without a cache (one page after another, as before the pool), by the pool of `ingest.pool.WORKERS`
processes filling a fresh cache, and by the pool with that cache warm. Prints wall seconds per file
and in total; the texts of the three loads must be identical.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from ingest import pool
from ingest.loaders import load_pages
from ingest.ocr import OcrCache


def timed_load(path: Path, workers: int, cache: OcrCache | None) -> tuple[float, list[str], list[str]]:
    """(wall seconds, page texts, note texts) of loading `path` with `workers` OCR processes."""
    pool.WORKERS = workers
    notes: list = []
    started = time.perf_counter()
    pages = load_pages(path, ocr=True, notes=notes, ocr_cache=cache)
    return time.perf_counter() - started, [page.text for page in pages], [note.text("en") for note in notes]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pdfs", nargs="+", type=Path)
    args = parser.parse_args()
    cores = pool.WORKERS
    totals = [0.0, 0.0, 0.0]
    print(f"{'file':60} {'sequential':>10} {f'pool of {cores}':>10} {'warm cache':>10}")
    with tempfile.TemporaryDirectory() as folder:
        cache = OcrCache.open(Path(folder) / "ocr-cache.sqlite")
        for path in args.pdfs:
            runs = [timed_load(path, 1, None), timed_load(path, cores, cache), timed_load(path, cores, cache)]
            if any(run[1:] != runs[0][1:] for run in runs):
                raise SystemExit(f"{path.name}: the three loads differ")
            totals = [total + run[0] for total, run in zip(totals, runs)]
            print(f"{path.name[:60]:60} " + " ".join(f"{run[0]:10.1f}" for run in runs), flush=True)
    print(f"{'total':60} " + " ".join(f"{total:10.1f}" for total in totals))


if __name__ == "__main__":
    main()
