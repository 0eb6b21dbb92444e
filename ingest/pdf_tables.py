"""Ruled tables of born-digital PDF pages, read cell by cell and written as pipe rows in pypdf's text.

pypdf reads a ruled table line by line across its columns, so a Renstra's "Target 2025" value ends up
away from its indicator and its year, and a cell that wraps splits its row. pdfplumber finds the
ruling lines and the cells they enclose; only the text of those cells is taken from it (its running
text glues words on some PDFs: evaluations/README.md), the rest of the page stays pypdf's. Each kept
table replaces the pypdf text drawn inside its box, at the place its first fragment was read.

A box is kept as a table only when most of its body rows fill two or more cells: a framed page or a
form whose printed lines each became a row of one cell reads better as pypdf's running text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from . import pool
from .tables import is_column_numbering, to_pipe_lines

# A ruled grid of two rows and two columns draws at least six lines (or four cell rectangles);
# a page with fewer drawing operations has no table worth pdfplumber's layout analysis (~0.15 s a page).
MIN_DRAWING_OPERATIONS = 6
_DRAWING = re.compile(rb"\s(?:re(?!\s*W)|l)\s")  # rectangles that are not clip paths, and line segments
MIN_FILLED_SHARE = 0.5  # share of body rows that must fill two or more cells
MAX_MEAN_CELL_CHARS = 120  # about two printed lines: longer cells are paragraphs, not values
EDGE_TOLERANCE = 1.5  # points: cell edges this close are one ruling
CONTINUATION_BAND = 0.2  # a table ending in this bottom share of a page may go on in the same top share of the next
GLUED_LETTERS = 15  # a word this long in a cell but not in pypdf's text of the box: pdfplumber glued two words
MIN_CLIPPED_WORDS = 2  # cell words that are only the start of pypdf's words: text cut at the cell borders
MIN_PAGES_PER_WORKER = 8  # a worker starts a fresh interpreter (~1 s): fewer pages are read here
BOX_MARGIN = 2.0  # points: a text fragment starting this close outside a table's box is still in it


@dataclass(frozen=True)
class GridCell:
    """One cell of a ruled table: its horizontal extent on the page and its text."""

    left: float
    right: float
    text: str

    def covers(self, x: float) -> bool:
        return self.left - EDGE_TOLERANCE <= x <= self.right + EDGE_TOLERANCE


@dataclass(frozen=True)
class PdfTable:
    """A kept table: its box (left, top, right, bottom, top measured from the page top) and its pipe lines."""

    box: tuple[float, float, float, float]
    lines: list[str]
    columns: list[str]
    ends_page: bool  # runs into the page's bottom band: the next page may continue it


def drawing_operations(page) -> int:
    """How many rectangles and line segments a pypdf page draws (cheap: no layout analysis)."""
    try:
        contents = page.get_contents()
        return len(_DRAWING.findall(contents.get_data())) if contents is not None else 0
    except Exception:  # noqa: BLE001 - an unreadable content stream only means 'no table found'
        return 0


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _middle(cell: GridCell) -> float:
    return (cell.left + cell.right) / 2


def _is_subheader(upper: list[GridCell], lower: list[GridCell]) -> bool:
    """The lower row divides cells of the upper one ("Target" over "2024 | 2025 | 2026") and has no cell
    under an undivided one: a body row has a value under each column ("1" under "No")."""
    divided = False
    for low in lower:
        above = next((up for up in upper if up.covers(_middle(low))), None)
        if above is None:
            continue
        if sum(1 for other in lower if above.covers(_middle(other))) < 2:
            return False
        divided = True
    return divided


def _reads_as_values(row: list[GridCell]) -> bool:
    """A row holding a figure: the next rows of a table, where a row of names alone would be a new header."""
    return any(ch.isdigit() for cell in row for ch in cell.text)


def _continues_header(header: list[GridCell], row: list[GridCell], below: list[GridCell]) -> bool:
    """A header cell's text wrapped into the next grid row ("Nomor | Nama Domain | Bobot" over
    "Domain | | (%)"): no digits, every cell within one header cell, and fewer cells than the row below."""
    return len(row) < len(below) and not _reads_as_values(row) and all(
        any(up.left - EDGE_TOLERANCE <= cell.left and cell.right <= up.right + EDGE_TOLERANCE for up in header) for cell in row
    )


def grid_table(rows: list[list[GridCell]], continued: list[str] | None = None) -> tuple[str, list[str], list[list[str]]] | None:
    """Caption, column names and body rows of a ruled grid, or None when the grid is no data table.

    Leading rows of one filled cell are the caption; the header is the first row and every row that
    divides one of its cells ("Target" over "2024 | 2025 | 2026") or continues their wrapped text; a column's name joins the header
    cells above it, top down ("Target 2025"). Adjacent grid columns under the same header cells are
    one column, so a value printed in two cells ("3 | Unit" under "Jumlah") stays one value; a body
    cell wider than one column goes to the first named column it covers. `continued` are the columns of a table
    this one continues from the page before: when its rows fit them and its first row holds a figure
    (not a header of its own, nor the old one repeated), every row is body.
    """
    rows = [[cell for cell in row if cell.text] for row in rows]
    rows = [row for row in rows if row]
    caption = []
    while rows and len(rows[0]) == 1 and len(rows) > 2:
        caption.append(rows.pop(0)[0].text)
    if not rows:
        return None
    edges = sorted({round(x) for row in rows for cell in row for x in (cell.left, cell.right)})
    slots = [(a + b) / 2 for a, b in zip(edges, edges[1:]) if b - a > EDGE_TOLERANCE]
    if continued and len(slots) == len(continued) and _reads_as_values(rows[0]) and [cell.text for cell in rows[0]] != continued:
        header_end, names = 0, [(name,) for name in continued]
    elif len(rows) < 2:
        return None
    else:
        header_end = 1
        while header_end < len(rows) - 1 and (
            _is_subheader(rows[header_end - 1], rows[header_end])
            or _continues_header(rows[header_end - 1], rows[header_end], rows[header_end + 1])
        ):
            header_end += 1
        names = [tuple(cell.text for row in rows[:header_end] for cell in row if cell.covers(x)) for x in slots]
    body = [row for row in rows[header_end:] if not is_column_numbering([cell.text for cell in row])]
    if not body or sum(1 for row in body if len(row) >= 2) < MIN_FILLED_SHARE * len(body):
        return None
    columns: list[tuple[str, ...]] = []
    column_of: list[int] = []
    for i, name in enumerate(names):
        if not (columns and name == columns[-1] and name):
            columns.append(name)
        column_of.append(len(columns) - 1)
    values: list[list[str]] = []
    for row in body:
        cells = [""] * len(columns)
        for cell in row:
            covered = [column_of[i] for i, x in enumerate(slots) if cell.covers(x)]
            column = next((c for c in covered if columns[c]), covered[0] if covered else None)
            if column is not None:
                cells[column] = f"{cells[column]} {cell.text}".strip()
        values.append(cells)
    used = [i for i in range(len(columns)) if columns[i] or any(row[i] for row in values)]
    if len(used) < 2 or _misaligned(values) or _holds_paragraphs(values):
        return None
    return " ".join(caption), [" ".join(columns[i]) for i in used], [[row[i] for i in used] for row in values]


def _holds_paragraphs(rows: list[list[str]]) -> bool:
    """A column whose cells average more than a few lines of text: a table of criteria or descriptions,
    whose paragraphs pypdf reads line by line as well as any grid, and which would only crowd the value
    rows out as units of their own."""
    return any(sum(len(row[i]) for row in rows) / len(rows) > MAX_MEAN_CELL_CHARS for i in range(len(rows[0])))


def _misaligned(rows: list[list[str]]) -> bool:
    """Two neighbouring rows whose values fill disjoint columns: the rulings of the label column and of
    the value columns do not line up ("Jumlah IPPD | | | 388" over "Jumlah IPPD | 159 | 237 |"), so
    the grid's rows are not the printed rows, and pypdf's line-by-line text reads better."""
    filled = [{i for i, cell in enumerate(row[1:]) if cell} for row in rows]
    return any(upper and lower and not upper & lower for upper, lower in zip(filled, filled[1:]))


Grid = tuple[tuple[float, float, float, float], list[list[GridCell]]]  # a ruled box and its rows of cells


@dataclass(frozen=True)
class PageGrids:
    """The ruled grids pdfplumber found on one page, with the page's height (for the top and bottom bands)."""

    number: int
    height: float
    grids: list[Grid]


def read_grids(path: Path, numbers: list[int]) -> list[PageGrids]:
    """pdfplumber's ruled grids of the given pages (1-based), in page order: the costly part, run in
    pool workers for a long document."""
    import pdfplumber

    pages = []
    with pdfplumber.open(path, pages=numbers) as pdf:
        for plumber_page in pdf.pages:
            grids = []
            for found in plumber_page.find_tables():
                cells = [
                    [GridCell(box[0], box[2], _clean(text)) for box, text in zip(row.cells, texts) if box is not None]
                    for row, texts in zip(found.rows, found.extract())
                ]
                grids.append((tuple(found.bbox), cells))
            pages.append(PageGrids(plumber_page.page_number, float(plumber_page.height), grids))
            plumber_page.close()  # frees the page's parsed objects: a long Lampiran would hold them all
    return pages


def _kept_tables(page: PageGrids, continued: list[str] | None) -> list[PdfTable]:
    """The page's data tables; the first continues `continued` (the columns of a table that ran to the
    foot of the page before) when it starts in the page's top band."""
    tables = []
    for box, rows in page.grids:
        at_top = not tables and box[1] < CONTINUATION_BAND * page.height
        read = grid_table(rows, continued if at_top else None)
        if read is None:
            continue
        caption, columns, body = read
        ends_page = box[3] > (1 - CONTINUATION_BAND) * page.height
        tables.append(PdfTable(box, ([caption] if caption else []) + to_pipe_lines(columns, body), columns, ends_page))
    return tables


def page_tables(path: Path, numbers: list[int]) -> dict[int, list[PdfTable]]:
    """The kept tables of the given pages (1-based) of a PDF, by page number.

    pdfplumber's layout analysis costs ~0.15 s a page: a long document's pages are read by a pool of
    `ingest.pool.WORKERS` processes; which grid is a table (and which continues the
    page before's) is decided here, in page order."""
    found: dict[int, list[PdfTable]] = {}
    for page in _grids_in_order(path, numbers):
        before = found.get(page.number - 1)
        tables = _kept_tables(page, before[-1].columns if before and before[-1].ends_page else None)
        if tables:
            found[page.number] = tables
    return found


def _grids_in_order(path: Path, numbers: list[int]) -> list[PageGrids]:
    """`read_grids` of the pages, in page order; a long document's pages dealt to the workers in turn,
    since the heavy table pages of a plan sit together (a Renstra's BAB VI) and would load one worker."""
    workers = max(1, min(pool.WORKERS, len(numbers) // MIN_PAGES_PER_WORKER))
    hands = [numbers[start::workers] for start in range(workers)]
    read = [page for hand in pool.map_in_pool(partial(read_grids, path), hands, workers) for page in hand]
    return sorted(read, key=lambda page: page.number)


def text_with_tables(page, tables: list[PdfTable]) -> str:
    """pypdf's text of the page, each table's pipe lines in place of the fragments drawn inside its box,
    and a line break pypdf puts between two words on one baseline a space (`_on_one_baseline`).

    A table whose cells pdfplumber misread (`_misread`) keeps pypdf's text."""
    top = float(page.mediabox.top)
    pieces: list[tuple[str, float, int | None]] = []

    def visit(text, cm, tm, font, size):
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = top - (tm[4] * cm[1] + tm[5] * cm[3] + cm[5])
        pieces.append((text, y, next((i for i, table in enumerate(tables) if _in_box(table.box, x, y)), None)))

    page.extract_text(visitor_text=visit)
    read = {i: " ".join(" ".join(text for text, _, inside in pieces if inside == i).split()) for i in range(len(tables))}
    misread = {i for i, table in enumerate(tables) if _misread(table, read[i])}
    spaces = _on_one_baseline(pieces)
    out, placed = [], set()
    for n, (text, _, inside) in enumerate(pieces):
        if inside is None or inside in misread:
            out.append(" " if n in spaces else text)
        elif inside not in placed:
            placed.add(inside)
            out.append("\n" + "\n".join(rejoin_split_numbers(line, read[inside]) for line in tables[inside].lines) + "\n")
    return "".join(out)


# Points: two words whose baselines differ by less are on one printed line.
SAME_BASELINE = 1.0


def _on_one_baseline(pieces: list[tuple[str, float, int | None]]) -> set[int]:
    """The line-break pieces between two words on one baseline. Some office suites print every word in a
    text object of its own, and pypdf breaks the line after each ("Dalam\nmenghadapi\nkondisi"); its
    line-break pieces carry no position of their own, so the words around them decide."""
    words = [n for n, (text, _, _) in enumerate(pieces) if text.strip()]
    spaces = set()
    for before, after in zip(words, words[1:]):
        between = range(before + 1, after)
        breaks = [n for n in between if pieces[n][0].strip(" ") == "\n"]
        if len(breaks) == 1 and abs(pieces[before][1] - pieces[after][1]) < SAME_BASELINE and not pieces[before][0].endswith("\n"):
            spaces.add(breaks[0])
    return spaces


def _misread(table: PdfTable, pypdf_text: str) -> bool:
    """pdfplumber's cells disagree with pypdf's reading of the same box: two words glued into one long
    word ("Cakupanpendudukmiskin..."), or words cut where text runs over a cell's border ("PENGADU WEWENANG
    ATA" for "PENGADUAN ... WEWENANG ATAU": a framed title banner taken for a table)."""
    read = set(pypdf_text.split())
    cells = [word for line in table.lines for word in line.split()]
    if any(len(word) >= GLUED_LETTERS and word.isalpha() and word not in read for word in cells):
        return True
    whole = {word.lower() for word in _LETTERS.findall(pypdf_text)}
    parts = {word.lower() for line in table.lines for word in _LETTERS.findall(line) if len(word) >= 3}
    return len({part for part in parts - whole if any(word.startswith(part) for word in whole)}) >= MIN_CLIPPED_WORDS


_LETTERS = re.compile(r"[^\W\d_]+")
_SPLIT_NUMBER = re.compile(r"(\d+) (?=([\d.][\d.,]*))")


def rejoin_split_numbers(line: str, pypdf_text: str) -> str:
    """An amount pdfplumber split at a wide character gap ("Rp 5 41.798.000", "1 .000.000.000") joined
    again where pypdf read it whole: a number's digits are never wrongly joined to the next number."""
    return _SPLIT_NUMBER.sub(lambda m: m.group(1) if m.group(1) + m.group(2) in pypdf_text and m.group(0) + m.group(2) not in pypdf_text else m.group(0), line)


def _in_box(box: tuple[float, float, float, float], x: float, y: float) -> bool:
    left, top, right, bottom = box
    return left - BOX_MARGIN <= x <= right + BOX_MARGIN and top - BOX_MARGIN <= y <= bottom + BOX_MARGIN
