"""DOCX and HTML → Markdown-like text: headings as `#` lines, tables as `| a | b |` rows.

The parsers downstream already read this shape (marker's Markdown): heading marks tell sections
apart, and a table row stays on one line, so a chunk boundary never cuts a row of a Lampiran table
and a split table carries its header row into every piece.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from .problems import LoadError

_HEADING_STYLE = re.compile(r"^(?:heading|judul)\s*(\d)", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def table_rows(rows: list[list[str]]) -> list[str]:
    """Pipe rows, the first one marked as the header; cells merged across columns appear once."""
    lines = []
    for row in rows:
        cells = [_SPACES.sub(" ", cell).strip().replace("|", "/") for cell in row]
        deduped = [cell for i, cell in enumerate(cells) if i == 0 or cell != cells[i - 1]]
        if any(deduped):
            lines.append("| " + " | ".join(deduped) + " |")
    if len(lines) > 1:
        lines.insert(1, "|" + " --- |" * lines[0].count(" | ") + " --- |")
    return lines


def docx_text(path: Path) -> str:
    """Body paragraphs and tables in reading order; Word heading styles become `#` marks."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise LoadError("bad_docx", detail=f"{type(error).__name__}: {error}"[:160]) from error
    except Exception as error:  # noqa: BLE001 - zipfile/lxml raise many kinds on a damaged package
        raise LoadError("bad_docx", detail=type(error).__name__) from error
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(["", *table_rows([[cell.text for cell in row.cells] for row in block.rows]), ""])
            continue
        text = block.text.strip()
        if not text:
            continue
        style = block.style.name if block.style is not None else ""
        level = _HEADING_STYLE.match(style)
        if level or style.lower() == "title":
            lines.append(f"{'#' * int(level.group(1) if level else 1)} {text}")
        else:
            lines.append(text)
    return "\n".join(lines).strip()


class _HtmlText(HTMLParser):
    BLOCKS = {"p", "div", "section", "article", "br", "li", "ul", "ol", "blockquote", "pre", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6"}
    SKIP = {"script", "style", "head", "nav", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skipping = 0
        self.heading = 0
        self.rows: list[list[str]] | None = None
        self.cell: list[str] | None = None

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.current)).strip()
        self.current = []
        if text:
            self.lines.append(f"{'#' * self.heading} {text}" if self.heading else text)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag == "table":
            self.flush()
            self.rows = []
        elif tag == "tr" and self.rows is not None:
            self.rows.append([])
        elif tag in ("td", "th") and self.rows is not None:
            self.cell = []
        elif tag in self.BLOCKS and self.cell is None:
            self.flush()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.heading = int(tag[1])

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in ("td", "th") and self.cell is not None and self.rows is not None:
            if not self.rows:
                self.rows.append([])
            self.rows[-1].append("".join(self.cell))
            self.cell = None
        elif tag == "table" and self.rows is not None:
            self.lines.extend(["", *table_rows(self.rows), ""])
            self.rows = None
        elif tag in self.BLOCKS and self.cell is None:
            self.flush()
            self.heading = 0

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        (self.cell if self.cell is not None else self.current).append(data)


def html_text(html: str) -> str:
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    parser.flush()
    return "\n".join(parser.lines).strip()
