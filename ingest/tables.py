"""Tables as citable rows: one model for pipe, tab-separated, HTML and PDF tables.

A value in a table ("Indeks SPBE 2025: 3,10") is only meaningful with its row label, its column
header and the table's caption; a chunk boundary or a flattened text layer separates them. So every
source turns its tables into pipe rows with one header row (`to_pipe_lines`): Markdown tables
already are, tab-separated blocks and `<table>` markup are converted when a text file is loaded
(`pipe_tables_in_text`), and the ruled tables of born-digital PDF pages are read cell by cell
(`ingest/pdf_tables.py`) into the page's pypdf text.
The chunker then reads pipe rows back into `Table`s (`find_tables`) and makes one unit per body row
whose text carries the caption, the column headers and the row's cells (`RowRead`, `ingest/units.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

CAPTION = re.compile(r"^\W*(tabel|table)\s+[\dIVX]", re.IGNORECASE)
_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_SPACES = re.compile(r"\s+")
MAX_CAPTION_CHARS = 160  # a title line above a table, not a paragraph of prose


@dataclass
class Table:
    """One table: `columns` are the column headers, `rows` the body rows (cells as printed)."""

    caption: str
    columns: list[str]
    rows: list[list[str]]


@dataclass
class TableSpan:
    """Where a table sits in a text's lines: caption line (or None), header line, last row line."""

    table: Table
    caption_line: int | None
    header_line: int
    end_line: int
    body_lines: list[int] = field(default_factory=list)


def _cell(text: str) -> str:
    return _SPACES.sub(" ", text or "").strip().replace("|", "/")


def to_pipe_lines(columns: list[str], rows: list[list[str]]) -> list[str]:
    """A table as Markdown pipe rows: the header row, a separator, the body rows (cells kept in place)."""
    width = max([len(columns), *(len(row) for row in rows)])
    padded = [[_cell(c) for c in row] + [""] * (width - len(row)) for row in [columns, *rows]]
    lines = ["| " + " | ".join(row) + " |" for row in padded if any(row)]
    return lines[:1] + ["|" + " --- |" * width] + lines[1:] if lines else []


def is_column_numbering(texts: list[str]) -> bool:
    """The row '1 | 2 | 3 | ...' that forms and planning tables print under the header to number the
    columns: no data, and read as data it would pair every header with a digit."""
    numbers = [text.strip(" .()") for text in texts if text.strip()]
    if len(numbers) < 3 or not all(number.isdigit() for number in numbers):
        return False
    return [int(number) for number in numbers] == list(range(int(numbers[0]), int(numbers[0]) + len(numbers)))


def split_cells(line: str) -> list[str]:
    """The cells of one pipe row, outer pipes dropped."""
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") else body
    return [_cell(cell) for cell in body.split("|")]


def is_separator(line: str) -> bool:
    return bool(_SEPARATOR.match(line.strip())) and "-" in line


def is_row(line: str) -> bool:
    return line.lstrip().startswith("|")


def _caption_near(lines: list[str], before: int, after: int) -> int | None:
    """The caption's line: the nearest non-empty line above the table when it is a short title, else a
    "Tabel N" line right below it that is not the caption of a table following it."""
    above = next((i for i in range(before - 1, max(before - 4, -1), -1) if lines[i].strip()), None)
    if above is not None and not is_row(lines[above]):
        text = lines[above].strip()
        if CAPTION.match(text) or (len(text) <= MAX_CAPTION_CHARS and not text.endswith((".", ",", ";"))):
            return above
    below = next((i for i in range(after + 1, min(after + 3, len(lines))) if lines[i].strip()), None)
    heads_next = below is not None and below + 1 < len(lines) and is_row(lines[below + 1])  # the next table's caption
    return below if below is not None and CAPTION.match(lines[below]) and not heads_next else None


def find_tables(lines: list[str]) -> list[TableSpan]:
    """The pipe tables in a text's lines. A header row is a row followed by a separator; a new header
    row, or a line that is not a row, ends a table, so two adjacent tables are never read as one."""
    spans: list[TableSpan] = []
    i = 0
    while i < len(lines):
        if not (is_row(lines[i]) and i + 1 < len(lines) and is_separator(lines[i + 1])):
            i += 1
            continue
        header, body_lines = i, []
        j = i + 2
        while j < len(lines) and is_row(lines[j]) and not is_separator(lines[j]):
            if j + 1 < len(lines) and is_separator(lines[j + 1]):
                break  # the next table's header row
            body_lines.append(j)
            j += 1
        end = body_lines[-1] if body_lines else header + 1
        caption_line = _caption_near(lines, header, end)
        caption = _clean_caption(lines[caption_line]) if caption_line is not None else ""
        if caption_line and caption_line < header and CAPTION.match(lines[caption_line - 1]) and not CAPTION.match(caption):
            caption = f"{_clean_caption(lines[caption_line - 1])} {caption}"  # "Tabel 2.1" above its title line
        table = Table(caption, split_cells(lines[header]), [split_cells(lines[k]) for k in body_lines])
        spans.append(TableSpan(table, caption_line, header, end, body_lines))
        i = j
    return spans


def _clean_caption(text: str) -> str:
    return _SPACES.sub(" ", text.replace("*", "")).strip()


def row_cells(table: Table, row: list[str]) -> list[tuple[str, str]]:
    """(column header, cell) pairs of one body row, empty cells left out."""
    return [(table.columns[k] if k < len(table.columns) else "", cell) for k, cell in enumerate(row) if cell]


def row_text(pairs: list[tuple[str, str]]) -> str:
    """'Indikator: Indeks SPBE; 2025: 3,10; 2026: 3,25' — a row read with its column headers."""
    return "; ".join(f"{head}: {cell}" if head and head != cell else cell for head, cell in pairs)


# --- other sources → pipe rows -------------------------------------------------------------------
_TAB_ROW = re.compile(r"\S\t+\S")


def _tsv_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """Runs of two or more consecutive lines with tab-separated cells (blank lines end a run)."""
    blocks, start = [], None
    for i, line in enumerate([*lines, ""]):
        if _TAB_ROW.search(line):
            start = i if start is None else start
        else:
            if start is not None and i - start >= 2:
                blocks.append((start, i))
            start = None
    return blocks


def _span(attrs, name: str) -> int:
    value = dict(attrs).get(name) or "1"
    return min(int(value), 50) if value.isdigit() and int(value) > 0 else 1


class _HtmlTable(HTMLParser):
    """Cells of one `<table>` as (text, colspan, rowspan) per row; a row is a header row when all its
    cells are `<th>` or it sits in `<thead>`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[bool, list[tuple[str, int, int]]]] = []
        self.cell: list[str] | None = None
        self.spans = (1, 1)
        self.all_th = True
        self.in_thead = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "thead":
            self.in_thead = True
        elif tag == "tr":
            self.rows.append((self.in_thead, []))
            self.all_th = True
        elif tag in ("td", "th"):
            self.cell = []
            self.all_th = self.all_th and tag == "th"
            self.spans = (_span(attrs, "colspan"), _span(attrs, "rowspan"))
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self.in_thead = False
        elif tag in ("td", "th") and self.cell is not None:
            if not self.rows:
                self.rows.append((self.in_thead, []))
            self.rows[-1][1].append((_cell("".join(self.cell)), *self.spans))
            self.cell = None
        elif tag == "tr" and self.rows:
            self.rows[-1] = (self.rows[-1][0] or (self.all_th and bool(self.rows[-1][1])), self.rows[-1][1])

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def html_table(markup: str) -> tuple[list[str], list[list[str]]]:
    """(column headers, body rows) of one HTML table, merged cells placed on a grid: a header cell
    heads every column and row it spans (each column's header parts joined top to bottom); a body
    cell spanning rows repeats in each, one spanning columns fills the first."""
    parser = _HtmlTable()
    parser.feed(markup)
    parser.close()
    heads = [is_head for is_head, _ in parser.rows]
    if parser.rows and not any(heads):
        heads[0] = True
    grid: dict[tuple[int, int], str] = {}
    for r, (_, cells) in enumerate(parser.rows):
        c = 0
        for text, colspan, rowspan in cells:
            while (r, c) in grid:
                c += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[r + dr, c + dc] = text if heads[r] or dc == 0 else ""
            c += colspan
    width = max((c for _, c in grid), default=-1) + 1
    columns: list[list[str]] = [[] for _ in range(width)]
    rows = []
    for r in range(len(parser.rows)):
        values = [grid.get((r, c), "") for c in range(width)]
        if heads[r]:
            for c, value in enumerate(values):
                if value and value not in columns[c]:
                    columns[c].append(value)
        elif any(values):
            rows.append(values)
    return [" ".join(parts) for parts in columns], rows


_HTML_TABLE = re.compile(r"<table\b.*?</table\s*>", re.IGNORECASE | re.DOTALL)


def pipe_tables_in_text(text: str) -> str:
    """Tab-separated blocks and `<table>` markup of a text file rewritten as pipe tables, on their own lines."""
    text = _HTML_TABLE.sub(lambda m: "\n\n" + "\n".join(to_pipe_lines(*html_table(m.group(0)))) + "\n\n", text)
    if "\t" not in text:
        return text
    lines = text.split("\n")
    for start, end in reversed(_tsv_blocks(lines)):
        rows = [line.split("\t") for line in lines[start:end]]
        lines[start:end] = ["", *to_pipe_lines(rows[0], rows[1:]), ""]
    return "\n".join(lines)


@dataclass
class RowRead:
    """One body row as a reader quotes it: its table's caption, (header, cell) pairs and the row text."""

    caption: str
    pairs: list[tuple[str, str]]

    @property
    def display(self) -> str:
        return row_text(self.pairs)

    @property
    def search(self) -> str:
        return f"{self.caption} — {self.display}" if self.caption else self.display

    @property
    def named(self) -> str:
        """Each cell after its column header ("Desa Watulimo"), the way a question names it; a header of
        alternatives ("Desa/Kelurahan") names the cell with each of them ("Desa Kaulon Kelurahan Kaulon")."""
        return " ".join(f"{name.strip()} {cell}" for header, cell in self.pairs for name in header.split("/"))


def split_tables(text: str) -> tuple[str, list[RowRead]]:
    """The text with its tables (and their captions) blanked out, and their body rows read with headers."""
    lines = text.split("\n")
    rows: list[RowRead] = []
    for span in find_tables(lines):
        rows += [RowRead(span.table.caption, row_cells(span.table, row)) for row in span.table.rows if any(row)]
        for i in [span.caption_line, *range(span.header_line, span.end_line + 1)]:
            if i is not None:
                lines[i] = ""
    return "\n".join(lines), rows
