"""Small retrieval units inside passages: table rows, and list items / sentence groups of long sections.

A long section of a report or research article (1,000+ characters on several sub-points) is a weak
match for a question that one of its sentences answers: the rest of the section dilutes both the
BM25 score and the embedding. So each such sentence group, and every table row (which alone means
nothing without its caption and headers), is indexed as a unit of its own, searchable lexically and
densely, that names its parent passage. Retrieval returns the parent with the matched units marked
(`assistant/units.py`), so the reader still sees the whole section.

Cost: units are short (a row or ≤ UNIT_CHARS of text), so they embed several times faster than a
passage; only table rows and long non-regulation passages get them — a regulation's Pasal is already
cut at its ayat, and a Pedoman's or SE's passages are procedure steps (see `narrative`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .model import Document, Passage
from .tables import find_tables, is_row, row_cells, row_text

LONG_PASSAGE = 600  # characters: a non-regulation passage this long gets sentence-group units
UNIT_CHARS = 320  # a sentence group is cut before it grows past this
MIN_UNIT_CHARS = 40  # shorter pieces (a heading, "Sumber: ...") join their neighbour
_SENTENCE_END = re.compile(r"(?<=[.;?!])\s+(?=[A-Z0-9(\"“])")
_ITEM_START = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|\(?[a-z][.)]|[-•*]|\d+(?:\.\d+)+)\s")


def unit_passages(document: Document, passages: list[Passage]) -> list[Passage]:
    """The units of a document's passages: every table row, and the text units of long passages
    of non-regulation documents. Ids extend the parent's id, so they sort right after it."""
    units: list[Passage] = []
    for passage in passages:
        found = _row_units(passage)
        if narrative(document) and len(passage.text) >= LONG_PASSAGE:
            found += [_unit(passage, text) for text in text_units(passage.text)]
        units += [replace(unit, id=f"{passage.id}.{n:03d}") for n, unit in enumerate(found)]
    return units


def narrative(document: Document) -> bool:
    """Research, reports and plans: long sections of findings, not norms already cut at their ayat
    (regulations) or guidance whose passages are already short steps (a Pedoman, an SE)."""
    return not document.is_regulation and document.jenis not in ("Pedoman", "Surat Edaran")


def _unit(parent: Passage, text: str, header: str = "", row: list[list[str]] | None = None) -> Passage:
    return replace(
        parent, id="", text=text, header=header or parent.header, parent=parent.id, row=row, tags=list(parent.tags)
    )


def _row_units(passage: Passage) -> list[Passage]:
    units = []
    for span in find_tables(passage.text.split("\n")):
        table = span.table
        # The document and the caption (else the section) say what the row is: the full path would
        # make each short row's text several times longer to embed.
        document, *path = passage.header.split(" › ")
        header = " › ".join([document, table.caption or (path[-1] if path else "")]).rstrip(" ›")
        for row in table.rows:
            pairs = row_cells(table, row)
            if not pairs:
                continue
            units.append(_unit(passage, row_text(pairs), header, [list(pair) for pair in pairs]))
    return units


def text_units(text: str) -> list[str]:
    """List items and sentence groups of the text outside its tables, each ≤ UNIT_CHARS when a
    sentence boundary allows; none when the text would be a single unit anyway."""
    blocks: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line or is_row(line):
            if blocks and blocks[-1]:
                blocks.append("")
            continue
        if blocks and blocks[-1] and not _ITEM_START.match(line) and len(blocks[-1]) < MIN_UNIT_CHARS:
            blocks[-1] = f"{blocks[-1]} {line}"  # a sub-point's heading stays with its first sentence
        else:
            blocks.append(line)
    units: list[str] = []
    for block in filter(None, blocks):
        current = ""
        for sentence in _SENTENCE_END.split(block):
            if current and len(current) + len(sentence) + 1 > UNIT_CHARS:
                units.append(current)
                current = sentence
            else:
                current = f"{current} {sentence}".strip()
        units.append(current)
    merged: list[str] = []
    for unit in units:
        if merged and (len(unit) < MIN_UNIT_CHARS or len(merged[-1]) < MIN_UNIT_CHARS):
            merged[-1] = f"{merged[-1]} {unit}"
        else:
            merged.append(unit)
    return merged if len(merged) > 1 else []
