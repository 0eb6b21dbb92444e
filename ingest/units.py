"""Table rows as small retrieval units inside their passages.

A table row alone means nothing without its caption and column headers, and inside a passage of a
whole table its few words are diluted by every other row, for BM25 and the embedding alike. So each
row is indexed as a unit of its own, read with its column headers ("Indikator: Indeks SPBE; 2025:
3,10"), searchable lexically and densely, that names its parent passage. Retrieval returns the parent
with the matched rows marked (`assistant/units.py`), so the reader still sees the whole table.

Sentence groups of long sections were units too on the `tables` branch (commit 178df88); measured,
they let two unanswerable questions through, so they are not made (evaluations/README.md).
"""

from __future__ import annotations

from dataclasses import replace

from .model import Passage
from .tables import find_tables, row_cells, row_text


def unit_passages(passages: list[Passage]) -> list[Passage]:
    """Every table row of a document's passages. Ids extend the parent's id, so they sort right after it."""
    units: list[Passage] = []
    for passage in passages:
        units += [replace(unit, id=f"{passage.id}.{n:03d}") for n, unit in enumerate(_row_units(passage))]
    return units


def _row_units(passage: Passage) -> list[Passage]:
    units = []
    for span in find_tables(passage.text.split("\n")):
        table = span.table
        # The document and the caption (else the section) say what the row is: the full path would
        # make each short row's text several times longer to embed.
        document, *path = passage.header.split(" › ")
        header = " › ".join([document, table.caption or (path[-1] if path else "")]).rstrip(" ›")
        for row in table.rows:
            if pairs := row_cells(table, row):
                units.append(replace(passage, id="", text=row_text(pairs), header=header, parent=passage.id, tags=list(passage.tags)))
    return units
