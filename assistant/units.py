"""Units found, parents returned: fold the rankings of retrieval units into their parent passages.

The index holds table rows as units of their own
(`ingest/units.py`), so a question is matched against the one row that answers it. A
reader needs the whole passage around it, so every unit id in the rankings is replaced by its parent
(at the better of their ranks and scores) and the units that matched are kept beside the parent, to
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
    fused: dict[str, float]
    dense: dict[str, float]
    lexical: dict[str, float]
    rankings: dict[str, list[str]]
    marked: dict[str, list[str]] = field(default_factory=dict)  # parent id → matched unit ids, best first


def _best(scores: dict[str, float], parent_of: Callable[[str], str]) -> dict[str, float]:
    best: dict[str, float] = {}
    for pid, score in scores.items():
        parent = parent_of(pid)
        best[parent] = max(score, best.get(parent, score))
    return best


def fold_units(
    parent_of: Callable[[str], str],
    fused: dict[str, float],
    dense: dict[str, float],
    lexical: dict[str, float],
    rankings: dict[str, list[str]],
) -> Folded:
    """Parent-level scores and rankings, each parent at its best unit's score and rank (`parent_of`
    maps a unit id to its parent's and a passage id to itself: assistant/corpus.py)."""
    marked: dict[str, list[str]] = {}
    for pid in sorted(fused, key=fused.get, reverse=True):
        parent = parent_of(pid)
        if parent != pid and len(marked.setdefault(parent, [])) < MAX_MARKED:
            marked[parent].append(pid)
    return Folded(
        fused=_best(fused, parent_of),
        dense=_best(dense, parent_of),
        lexical=_best(lexical, parent_of),
        rankings={name: list(dict.fromkeys(map(parent_of, ids))) for name, ids in rankings.items()},
        marked=marked,
    )


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
