"""Amendments and revocations between regulations, as the regulations themselves state them.

Drafting forms (UU 12/2011 Lampiran II, C.4 and C.5 and Bab IV):
- a title "Perubahan (Kedua) atas Peraturan ... Nomor N Tahun Y": this document amends that one,
  and its Pasal I lists what changed ("Ketentuan Pasal 5 diubah", "Pasal 7 dihapus", "Di antara
  Pasal 3 dan Pasal 4 disisipkan ... Pasal 3A");
- a closing provision "... Nomor N Tahun Y ... dicabut dan dinyatakan tidak berlaku": this
  document revokes that one (only some of its Pasal when they are listed before it);
- a citation "X sebagaimana telah diubah (terakhir) dengan Y" anywhere: Y amends X.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from .citations import DocumentRef, document_ref, document_refs
from .legaltext import split_ayat, split_items
from .model import Document, Passage

_AMENDMENT_TITLE = re.compile(r"^\s*perubahan(?:\s+\w+)?\s+atas\b", re.IGNORECASE)
_REVOKED = re.compile(r"\b(?:dicabut\s+dan\s+dinyatakan\s+tidak\s+berlaku|dinyatakan\s+dicabut|mencabut)\b", re.IGNORECASE)
_AMENDED_BY = re.compile(r"\bdiubah(?:\s+\w+){0,4}?\s+(?:terakhir\s+)?dengan\s*$", re.IGNORECASE)
_PARTIAL = re.compile(r"\bPasal\s+\d", re.IGNORECASE)
_CHANGED = re.compile(
    r"\bKetentuan\s+(?:(?:ayat|huruf|angka)\s+\S+\s+)*Pasal\s+(?P<changed>\d{1,3}[A-Z]?)\s+(?:\S+\s+){0,6}?diubah"
    r"|\bPasal\s+(?P<removed>\d{1,3}[A-Z]?)\s+dihapus"
    r"|\bdisisipkan\b[^.:]{0,80}?\byakni\s+Pasal\s+(?P<inserted>\d{1,3}[A-Z]?)",
    re.IGNORECASE,
)


@dataclass
class Relation:
    kind: str  # "mengubah" (newer amends older), "mencabut" (revokes), "mencabut_sebagian" (revokes some Pasal)
    newer: dict  # DocumentRef fields of the amending/revoking regulation
    older: dict  # DocumentRef fields of the amended/revoked one
    stated_in: str  # source file of the document that says so
    location: str  # where it says so: "Pasal 16", "judul", "Pasal I"
    text: str = ""
    provisions: list[str] = field(default_factory=list)  # Pasal of `older` changed, for "mengubah" from Pasal I

    def newer_ref(self) -> DocumentRef:
        return DocumentRef(**self.newer)

    def older_ref(self) -> DocumentRef:
        return DocumentRef(**self.older)

    def to_dict(self) -> dict:
        return asdict(self)


def _flat(text: str) -> str:
    return " ".join(text.split())


def changed_provisions(text: str) -> list[str]:
    """Pasal numbers an amending body changes, inserts or deletes, in order of mention."""
    found = []
    for match in _CHANGED.finditer(_flat(text)):
        number = (match.group("changed") or match.group("removed") or match.group("inserted")).upper()
        if number not in found:
            found.append(number)
    return found


def _location(passage: Passage) -> str:
    return passage.location() or passage.kind


def _units(passages: list[Passage]) -> list[tuple[Passage, str]]:
    """(first passage, text) per Pasal, a long Pasal's passages joined back; other passages as they are."""
    units: list[tuple[Passage, str]] = []
    for passage in passages:
        previous = units[-1][0] if units else None
        if previous and passage.pasal and (previous.source, previous.kind, previous.pasal) == (passage.source, passage.kind, passage.pasal):
            units[-1] = (previous, f"{units[-1][1]}\n{passage.text}")
        else:
            units.append((passage, passage.text))
    return units


def extract_relations(document: Document, passages: list[Passage]) -> list[Relation]:
    """Relations the document states: what it amends or revokes, and amendments it cites."""
    own = document_ref(document)
    relations: list[Relation] = []

    def add(kind: str, newer: DocumentRef, older: DocumentRef, passage: Passage | None, text: str, provisions=()) -> None:
        if newer == older or any(r.kind == kind and r.newer_ref() == newer and r.older_ref() == older for r in relations):
            return
        location = _location(passage) if passage else "judul"
        relations.append(Relation(kind, asdict(newer), asdict(older), document.source, location, _flat(text)[:600], list(provisions)))

    body = [p for p in passages if p.kind == "pasal"]
    if own and _AMENDMENT_TITLE.match(document.tentang or ""):
        changed = changed_provisions("\n".join(p.text for p in body))
        for older, _ in document_refs(document.tentang or "")[:1]:  # the first citation is the amended one
            add("mengubah", own, older, None, document.tentang or "", changed)
    for passage, text in _units(passages):
        revoking = [block for block in split_ayat(text) if _REVOKED.search(block)] if passage.kind in ("pasal", "section") else []
        for block in revoking if own else []:
            for item in split_items(block):
                for older, (start, _) in document_refs(item):
                    if older.matches(document):
                        continue
                    kind = "mencabut_sebagian" if _PARTIAL.search(item[:start]) and not re.search(r"Nomor\s+\d", item[:start]) else "mencabut"
                    add(kind, own, older, passage, item)
        refs = document_refs(text)
        for (older, (_, older_end)), (newer, (newer_start, _)) in zip(refs, refs[1:]):
            between = text[older_end:newer_start]
            if _AMENDED_BY.search(_flat(between)) and len(between) < 400:
                add("mengubah", newer, older, passage, text[max(0, older_end - 200) : newer_start + 120])
    return relations
