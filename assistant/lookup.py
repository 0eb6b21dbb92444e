"""Exact provisions: the passages holding "Pasal 5 ayat (2)" of a document, and that ayat's own text.

A question that names a provision wants that provision, not the passage most similar to it, so
these are found by the Pasal/ayat labels the parser gave each passage and put first.
"""

from __future__ import annotations

from ingest.legaltext import leading_label, split_ayat
from ingest.model import Passage


def covers_ayat(label: str | None, ayat: str | None) -> bool:
    """Whether a passage's ayat label ('2' or '2-4') includes the asked ayat; no ayat asked = any."""
    if ayat is None or label is None:
        return True  # no ayat asked, or the passage is the whole Pasal
    first, _, last = label.partition("-")
    try:
        return int(first) <= int(ayat) <= int(last or first)
    except ValueError:
        return label == ayat


def ayat_text(text: str, ayat: str) -> str | None:
    """The text of ayat (N) inside a Pasal's text, from its "(N)" to the next ayat; None when absent."""
    return next((block.strip() for block in split_ayat(text) if leading_label(block) == ("ayat", ayat)), None)


def provision_passages(passages: list[Passage], pasal: str, ayat: str | None = None, penjelasan: bool = False) -> list[Passage]:
    """The passages of one document that hold the Pasal (the asked ayat's first), in reading order.

    Passages come from a single document. The Penjelasan of the Pasal is only returned when asked.
    """
    kind = "penjelasan" if penjelasan else "pasal"
    found = [p for p in passages if p.pasal == pasal and p.kind == kind]
    with_ayat = [p for p in found if ayat is not None and p.ayat is not None and covers_ayat(p.ayat, ayat)]
    whole = [p for p in found if ayat is not None and p.ayat is None and ayat_text(p.text, ayat)]
    first = with_ayat or whole
    return first + [p for p in found if p not in first]


def has_ayat(passages: list[Passage], ayat: str) -> bool:
    return any((p.ayat is not None and covers_ayat(p.ayat, ayat)) or ayat_text(p.text, ayat) for p in passages)


def full_pasal_text(passages: list[Passage]) -> str:
    """A Pasal split over several passages, joined back in reading order."""
    return "\n".join(p.text for p in passages)
