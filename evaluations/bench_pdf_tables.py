"""What reading ruled PDF tables costs (ingest/pdf_tables.py), against pypdf's own reading of the same files.

For each text-layer PDF: pypdf's text extraction (the baseline, CPU seconds), the pages the drawing
prefilter sends to pdfplumber, pdfplumber's time in one process and with the worker pool (wall
seconds, both measured in this run), and the tables kept. Usage:

    .venv/bin/python evaluations/bench_pdf_tables.py [FILE.pdf ...]   # default: every PDF in corpus/ with a text layer
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from pypdf import PdfReader

import ingest.pdf_tables as pdf_tables
from ingest.ocr import usable_text

ROOT = Path(__file__).resolve().parent.parent


def _timed(function, *arguments):
    started = time.perf_counter()
    result = function(*arguments)
    return result, time.perf_counter() - started


def measure(path: Path) -> tuple[int, int, float, float, float, int] | None:
    """The file's figures, or None for a scan without a usable text layer (its tables are read by OCR)."""
    started = time.process_time()
    reader = PdfReader(path)
    texts = [page.extract_text() or "" for page in reader.pages]
    pypdf_seconds = time.process_time() - started
    if not any(usable_text(text) for text in texts):
        return None
    candidates = [  # as ingest chooses them: pages whose text layer is kept (not left for OCR) and that draw rulings
        number for number, (page, text) in enumerate(zip(reader.pages, texts), start=1)
        if usable_text(text) and pdf_tables.drawing_operations(page) >= pdf_tables.MIN_DRAWING_OPERATIONS
    ]
    if not candidates:
        return len(texts), 0, pypdf_seconds, 0.0, 0.0, 0
    per_worker = pdf_tables.MIN_PAGES_PER_WORKER
    pdf_tables.MIN_PAGES_PER_WORKER = len(candidates) + 1  # one process
    alone, alone_seconds = _timed(pdf_tables.page_tables, path, candidates)
    pdf_tables.MIN_PAGES_PER_WORKER = per_worker
    pooled, pooled_seconds = _timed(pdf_tables.page_tables, path, candidates)
    assert pooled == alone, f"{path.name}: the pool read other tables than one process"
    return len(texts), len(candidates), pypdf_seconds, alone_seconds, pooled_seconds, sum(len(tables) for tables in alone.values())


def main() -> None:
    files = [Path(name) for name in sys.argv[1:]] or sorted((ROOT / "corpus").glob("*.pdf"))
    print("| file | pages | candidate pages | pypdf CPU s | pdfplumber s, one process | with pool | pool ratio | tables kept |")
    print("|---|---|---|---|---|---|---|---|")
    totals = [0, 0, 0.0, 0.0, 0.0, 0]
    for path in files:
        row = measure(path)
        if row is None:
            continue
        totals = [a + b for a, b in zip(totals, row)]
        pages, candidates, pypdf_seconds, alone, pooled, kept = row
        ratio = f"{alone / pooled:.2f}×" if pooled else "—"
        print(f"| {path.name} | {pages} | {candidates} | {pypdf_seconds:.1f} | {alone:.1f} | {pooled:.1f} | {ratio} | {kept} |")
    pages, candidates, pypdf_seconds, alone, pooled, kept = totals
    print(f"| all | {pages} | {candidates} | {pypdf_seconds:.1f} | {alone:.1f} | {pooled:.1f} | {alone / pooled:.2f}× | {kept} |")


if __name__ == "__main__":
    main()
