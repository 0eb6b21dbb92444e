"""How places, pages and citations read, in the user's language.

The data model gives parts (`Passage.location()`, its page_start/page_end, a definition's Pasal and
angka); this is the one module that words them, "Pasal 5 ayat (2), hlm. 4" in Indonesian and
"Article 5(2), p. 4" in English, for answers, the CLI, the app and the export alike.
"""

from __future__ import annotations

from typing import Protocol

from ingest.messages import t
from ingest.model import Document, Location, Passage

PATH_SEPARATOR = " › "


class Cited(Protocol):
    """What a citation names: a retrieval `Hit`, typed by its shape because retrieval reads
    amendments, which words its notices here (no import circle, tests/test_architecture.py)."""

    document: Document
    passage: Passage


def place_label(location: Location | None, language: str = "id") -> str:
    """'Pasal 5 ayat (2)', 'Penjelasan Pasal 3', a section's heading path; None is the document's title."""
    if location is None:
        return t("place_title", language)
    if not location.pasal:
        return PATH_SEPARATOR.join(location.path)
    where = t("place_pasal", language, pasal=location.pasal)
    if location.ayat:
        where = t("place_with_ayat", language, where=where, ayat=ayat_label(location.ayat, language))
    if location.penjelasan:
        where = t("place_penjelasan", language, where=where)
    if location.inferred:
        where = t("place_inferred", language, where=where)
    if location.missing_after:
        where = t("place_uncertain", language, where=where, missing=location.missing_after)
    return where


def ayat_label(ayat: str, language: str = "id") -> str:
    """'ayat (2)', or 'ayat (2)–(4)' for the run "2-4" a long Pasal's passage holds."""
    first, _, last = ayat.partition("-")
    return t("ayat_run", language, first=first, last=last) if last else t("ayat_one", language, ayat=first)


def provision_label(
    pasal: str | None, ayat: str | None = None, angka: str | None = None, page: int | None = None, language: str = "id"
) -> str:
    """'Pasal 1 angka 5, hlm. 2' (a definition), 'Pasal 4 ayat (2)' (a norm): the parts that are known."""
    where = place_label(Location(pasal=pasal, ayat=ayat), language) if pasal else ""
    if where and angka:
        where = t("place_angka", language, where=where, angka=angka)
    return ", ".join(part for part in (where, pages_label(page, language=language)) if part)


def pages_label(first: int | None, last: int | None = None, language: str = "id") -> str:
    """'hlm. 4', 'hlm. 4–6' ('p. 4', 'pp. 4–6'); '' when the page is unknown."""
    if first is None:
        return ""
    if last and last != first:
        return t("page_span", language, first=first, last=last)
    return t("page_one", language, page=first)


def citation_label(hit: Cited, language: str = "id") -> str:
    """'UU No. 14 Tahun 2008 tentang ..., Pasal 5 ayat (2), hlm. 4' — what a user would cite."""
    document, passage = hit.document, hit.passage
    name = document.short_name
    if document.tentang and document.is_regulation:
        name = t("regulation_about", language, name=name, tentang=document.tentang)
    parts = [name, place_label(passage.location(), language), pages_label(passage.page_start, passage.page_end, language)]
    if passage.ocr:  # read by Tesseract from a scan: the user should check it against the original
        parts.append(t("ocr_mark", language))
    return ", ".join(part for part in parts if part)
