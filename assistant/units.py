"""Units found, parents returned: fold the rankings of retrieval units into their parent passages.

The index holds table rows as units of their own
(`ingest/units.py`), so a question is matched against the one row that answers it. A
reader needs the whole passage around it, so every unit id in the candidate order is replaced by its
parent (at the better of their places and scores) and the units that matched are kept beside the parent, to
be marked in the answer and the UI.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ingest.chunking import letters_and_digits
from ingest.tables import RowRead

MAX_MARKED = 3  # matched units kept per parent, best first


@dataclass
class Folded:
    order: list[str]  # parents, each at the place of its best-ranked unit or itself
    dense: dict[str, float]
    lexical: dict[str, float]
    marked: dict[str, list[str]] = field(default_factory=dict)  # parent id → matched unit ids, best first


def _best(scores: dict[str, float], parent_of: Callable[[str], str]) -> dict[str, float]:
    best: dict[str, float] = {}
    for pid, score in scores.items():
        parent = parent_of(pid)
        best[parent] = max(score, best.get(parent, score))
    return best


def parents_in_order(parent_of: Callable[[str], str], ids: list[str]) -> list[str]:
    """`ids` with every unit replaced by its parent, each parent once, at its first place."""
    return list(dict.fromkeys(map(parent_of, ids)))


def fold_units(parent_of: Callable[[str], str], order: list[str], dense: dict[str, float], lexical: dict[str, float]) -> Folded:
    """The candidate order at parent level, before any fusion: a table's rows would otherwise hold many
    places of one ranking, and every other passage would be ranked (and fused) lower for it.
    `parent_of` maps a unit id to its parent's and a passage id to itself (assistant/corpus.py)."""
    marked: dict[str, list[str]] = {}
    for pid in order:
        parent = parent_of(pid)
        if parent != pid and len(marked.setdefault(parent, [])) < MAX_MARKED:
            marked[parent].append(pid)
    return Folded(parents_in_order(parent_of, order), _best(dense, parent_of), _best(lexical, parent_of), marked)


def with_units(allowed: set[str] | None, units_of: Callable[[str], list[str]]) -> set[str] | None:
    """The passages a filter admits and their units, which the filter admits with them."""
    return None if allowed is None else allowed | {uid for pid in allowed for uid in units_of(pid)}


# --- quoting ---------------------------------------------------------------------------------------
MARKED_BONUS = 0.1  # a unit retrieval matched on its own is preferred when quoting its passage


def is_marked(unit: str, hit) -> bool:
    """The quoted unit is, or lies within, or holds, a unit retrieval matched."""
    text = letters_and_digits(unit)
    return any(text and (text in m or m in text) for m in (letters_and_digits(u.text) for u in hit.units))


def quoted_tables(rows: list[tuple[int, RowRead]]) -> list[dict]:
    """The quoted rows grouped by passage and table, as small tables: the header row is the union of
    the rows' column headers in order of appearance."""
    groups: dict[tuple[int, str], list[RowRead]] = {}
    for n, row in rows:
        groups.setdefault((n, row.caption), []).append(row)
    tables = []
    for (n, caption), members in groups.items():
        columns = list(dict.fromkeys(head for row in members for head, _ in row.pairs))
        body = [[dict(row.pairs).get(column, "") for column in columns] for row in members]
        tables.append({"cite": n, "caption": caption, "columns": columns, "rows": body})
    return tables
