"""pypdf against pdfplumber on the tables of born-digital PDFs: does a table row stay one line?

For every table pdfplumber finds on a ruled page (ingest/pdftables.py), each body row with two or
more filled cells is looked up in both extractions of the page:
- `pypdf rows on one line`: some line of pypdf's page text holds all the row's cells, in order
  (compared on letters and digits). Otherwise the row's label, values and headers are scattered
  and a chunk boundary may part them.
- `pdfplumber rows on one line`: the same, in the page text ingest now makes (tables as pipe rows).
- `cells also in pypdf`: share of pdfplumber's cells whose text occurs in pypdf's page text: pdfplumber
  read the same characters (nothing garbled or invented).
Also the seconds each reader spends. Usage: python evaluations/pdf_tables.py FILE.pdf ...
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from pypdf import PdfReader

from ingest.chunking import letters_and_digits
from ingest.loaders import _rulings
from ingest.pdftables import MIN_RULES, header_and_body, page_tables, page_text_with_tables


def _on_one_line(cells: list[str], lines: list[str]) -> bool:
    wanted = [letters_and_digits(c) for c in cells if letters_and_digits(c)]
    for line in lines:
        position = 0
        for cell in wanted:
            position = line.find(cell, position)
            if position < 0:
                break
            position += len(cell)
        else:
            return True
    return False


def measure(path: Path) -> dict:
    import pdfplumber

    started = time.perf_counter()
    reader = PdfReader(path)
    pypdf_pages = [page.extract_text() or "" for page in reader.pages]
    ruled = [n for n, page in enumerate(reader.pages, start=1) if _rulings(page) >= MIN_RULES]
    pypdf_seconds = time.perf_counter() - started
    started = time.perf_counter()
    rows = pypdf_kept = plumber_kept = cells = cells_found = tables = 0
    with pdfplumber.open(path) as pdf:
        for number in ruled:
            page = pdf.pages[number - 1]
            found = page_tables(page)
            plumber_lines = [letters_and_digits(line) for line in (page_text_with_tables(page) or "").split("\n")]
            page.flush_cache()
            pypdf_lines = [letters_and_digits(line) for line in pypdf_pages[number - 1].split("\n")]
            pypdf_text = "".join(pypdf_lines)
            for _, raw in found:
                tables += 1
                _, body = header_and_body(raw)
                for row in body:
                    filled = [cell for cell in row if cell]
                    if len(filled) < 2:
                        continue
                    rows += 1
                    pypdf_kept += _on_one_line(filled, pypdf_lines)
                    plumber_kept += _on_one_line(filled, plumber_lines)
                    for cell in filled:
                        cells += 1
                        cells_found += letters_and_digits(cell) in pypdf_text
    return {
        "file": path.name,
        "pages": len(reader.pages),
        "ruled pages": len(ruled),
        "tables": tables,
        "rows": rows,
        "pypdf rows on one line": round(pypdf_kept / rows, 3) if rows else None,
        "pdfplumber rows on one line": round(plumber_kept / rows, 3) if rows else None,
        "cells also in pypdf": round(cells_found / cells, 3) if cells else None,
        "pypdf s": round(pypdf_seconds, 1),
        "pdfplumber s": round(time.perf_counter() - started, 1),
    }


if __name__ == "__main__":
    for i, name in enumerate(sys.argv[1:]):  # one row per file as soon as it is measured
        result = measure(Path(name))
        if not i:
            print("| " + " | ".join(result) + " |")
            print("|" + "---|" * len(result))
        print("| " + " | ".join(str(value) for value in result.values()) + " |", flush=True)
