"""Born-digital PDF tables read by pdfplumber, so a row stays one row with its column headers.

pypdf returns a table's text cell by cell in drawing order: a row's label, its values and the
header above them land on different lines, and a chunk boundary can fall between them. pdfplumber
finds ruled tables from the page's lines and returns their cells; on a page that has such a table,
the page text becomes pdfplumber's text outside the tables with each table, as pipe rows, at its
place (`ingest/tables.py` reads the rows back). Pages without a ruled table keep pypdf's text, and
pdfplumber is asked only about pages whose drawing has enough ruling lines to hold a table
(evaluations/README.md, "Tables in PDFs", has the measurement that decided this).
"""

from __future__ import annotations

from pathlib import Path

from .tables import to_pipe_lines

MAX_HEADER_ROWS = 3  # a data row under merged body cells also holds None: header rows stop here
MIN_RECORD_SHARE = 0.6  # share of a table's non-empty rows that must fill two or more cells
MIN_RULES = 6  # drawn lines/rectangles on a page before pdfplumber is asked to find a table in it


def _cell(value: str | None) -> str | None:
    return None if value is None else " ".join(value.split())


def header_and_body(raw: list[list[str | None]]) -> tuple[list[str], list[list[str]]]:
    """Column headers and body rows of an extracted table. pdfplumber marks a merged cell's other
    slots as None: in the header rows (the first row and the next rows, up to MAX_HEADER_ROWS in all, that still hold
    merged slots) a slot under a merged slot continues the span to its left, one under a filled cell
    is that cell's vertical span; a header is each column's header parts joined top to bottom. In the
    body a merged slot repeats the cell above, so each row reads complete."""
    rows = [[_cell(c) for c in row] for row in raw if any((c or "").strip() for c in row)]
    if not rows:
        return [], []
    width = max(len(r) for r in rows)
    rows = [r + [None] * (width - len(r)) for r in rows]
    count = 1
    while count < min(len(rows) - 1, MAX_HEADER_ROWS) and None in rows[count]:
        count += 1
    parts: list[list[str]] = [[] for _ in range(width)]
    above: list[str | None] = [None] * width
    for r in range(count):
        filled: list[str | None] = []
        for c, value in enumerate(rows[r]):
            if value is None and c and (r == 0 or rows[r - 1][c] is None):
                value = filled[c - 1]  # a header cell spanning columns heads each of them
            filled.append(value)
            if value and value != above[c] and value not in parts[c]:
                parts[c].append(value)
        above = filled
    columns = [" ".join(p) for p in parts]
    body: list[list[str]] = []
    for row in rows[count:]:
        previous = body[-1] if body else [""] * width
        body.append([previous[c] if value is None else value for c, value in enumerate(row)])
    return columns, body


def _is_table(raw: list[list[str | None]]) -> bool:
    """Rows that are records: most rows fill two or more cells. A ruled text box, or a layout grid
    whose "rows" are the wrapped lines of one paragraph (one cell filled per line), is not a table
    and keeps pypdf's text, which reads its paragraphs in order."""
    filled = [sum(1 for cell in row if (cell or "").strip()) for row in raw]
    records = sum(1 for count in filled if count >= 2)
    return records >= 2 and records >= MIN_RECORD_SHARE * sum(1 for count in filled if count)


def _inside(inner: tuple, outer: tuple, slack: float = 2.0) -> bool:
    return inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack and inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack


def page_tables(page) -> list[tuple[tuple, list[list[str | None]]]]:
    """(bbox, raw rows) of the page's tables; a table drawn inside another one is the other's part."""
    if len(page.lines) + len(page.rects) < MIN_RULES:
        return []
    found = [(table.bbox, table.extract()) for table in page.find_tables()]
    found = [(bbox, raw) for bbox, raw in found if _is_table(raw)]
    return [(bbox, raw) for bbox, raw in found if not any(o is not bbox and _inside(bbox, o) for o, _ in found)]


def page_text_with_tables(page) -> str | None:
    """The page's text with its tables as pipe rows in reading position, or None when it has no table."""
    tables = page_tables(page)
    if not tables:
        return None
    boxes = [bbox for bbox, _ in tables]

    def outside(obj) -> bool:
        box = (obj.get("x0", 0), obj.get("top", 0), obj.get("x1", 0), obj.get("bottom", 0))
        return not any(_inside(box, bbox) for bbox in boxes)

    blocks = [(line["top"], [line["text"]]) for line in page.filter(outside).extract_text_lines()]
    blocks += [(bbox[1], ["", *to_pipe_lines(*header_and_body(raw)), ""]) for bbox, raw in tables]
    return "\n".join(line for _, lines in sorted(blocks, key=lambda block: block[0]) for line in lines).strip()


def tables_by_page(path: Path, numbers: list[int]) -> dict[int, str]:
    """Page number → text with tables, for the given 1-based pages of the PDF that hold a ruled table."""
    import pdfplumber

    found: dict[int, str] = {}
    with pdfplumber.open(path) as pdf:
        for number in numbers:
            page = pdf.pages[number - 1]
            try:
                text = page_text_with_tables(page)
            except Exception:  # noqa: BLE001 - pdfplumber failing on one odd page keeps pypdf's text for it
                text = None
            finally:
                page.flush_cache()
            if text:
                found[number] = text
    return found
