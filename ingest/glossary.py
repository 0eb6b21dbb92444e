"""The glossary: term → definition from each regulation's Ketentuan Umum (usually Pasal 1).

Indonesian drafting (UU 12/2011 Lampiran II, C.1) writes definitions as the numbered items of one
Pasal introduced by "Dalam Peraturan ... ini yang dimaksud dengan:", each item "Term (yang
selanjutnya disebut/disingkat X) adalah ...". Reading them from the parsed tree gives an exact
glossary, so "Apa yang dimaksud dengan SPBE?" is answered by the definition itself.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from .chunking import letters_and_digits
from .legaltext import BULLET, parse_definition
from .model import Node, Passage

_INTRO = re.compile(r"yang\s+dimaksud\s+(?:dengan|dalam)\b[^:]{0,60}:?\s*$", re.IGNORECASE)
# An item's number as converted sources print it: "1.", "1)", "(1)" or a lost "(1."; a bullet at a line start.
_ITEM = re.compile(rf"(?:^|\n|(?<=[.;:_])\s)\s*(?:\(?(\d{{1,3}})[.)]|(?<=\n){BULLET})\s+(?=[A-Z“\"'])")
MAX_MISSING_NUMBERS = 2  # converted sources lose an item number now and then


@dataclass
class Definition:
    source: str
    term: str
    definition: str  # the whole item as printed: "Badan Publik adalah lembaga ..."
    pasal: str
    angka: str
    alias: str | None = None  # "SPBE" in "... yang selanjutnya disingkat SPBE adalah ..."
    page: int | None = None
    passage_id: str | None = None

    def names(self) -> list[str]:
        return [name for name in (self.term, self.alias) if name]

    def to_dict(self) -> dict:
        return asdict(self)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _items(pasal: Node) -> list[tuple[str, str, int | None]]:
    """(number, text, page) of the Pasal's numbered items, in order.

    Items are found in the Pasal's text, not only as parsed children, because converted sources
    run several items into one line ("... Pemerintahan Daerah. 2. Urusan Pemerintahan adalah ...")
    or number them "(1)". Only markers continuing the sequence 1, 2, 3 ... count.
    """
    text = pasal.full_text()
    pages = {child.number: child.page_start for child in pasal.children}
    marks: list[tuple[str, int, int]] = []  # (number, start, body start)
    expected = 1
    for mark in _ITEM.finditer(text):
        number = int(mark.group(1)) if mark.group(1) else expected  # a bullet stands for a lost number
        if not expected <= number <= expected + MAX_MISSING_NUMBERS:
            continue
        marks.append((str(number), mark.start(), mark.end()))
        expected = number + 1
    ends = [start for _, start, _ in marks[1:]] + [len(text)]
    return [(number, text[body:end], pages.get(number, pasal.page_start)) for (number, _, body), end in zip(marks, ends)]


def ketentuan_umum(tree: Node) -> list[Node]:
    """Pasal of the batang tubuh that introduce definitions ("... yang dimaksud dengan:")."""
    outside = set()
    for node in tree.walk():
        if node.kind in ("penjelasan", "lampiran"):
            outside.update(id(child) for child in node.walk())
    return [
        node
        for node in tree.walk()
        if node.kind == "pasal" and id(node) not in outside and _INTRO.search(_clean(node.text.split("\n1.")[0])[:300])
    ]


def extract_definitions(source: str, tree: Node, passages: list[Passage]) -> list[Definition]:
    """Every definition of the document's Ketentuan Umum, with the passage that holds it."""
    definitions = []
    for pasal in ketentuan_umum(tree):
        holders = [(p.id, letters_and_digits(p.text)) for p in passages if p.source == source and p.kind == "pasal" and p.pasal == pasal.number]
        for angka, text, page in _items(pasal):
            parsed = parse_definition(text)
            if not parsed:
                continue
            body = _clean(text)
            key = letters_and_digits(body[:80])
            passage_id = next((pid for pid, norm in holders if key in norm), holders[0][0] if holders else None)
            definitions.append(Definition(source, parsed[0], body, pasal.number or "", angka, parsed[1], page, passage_id))
    return definitions


def normalise_term(term: str) -> str:
    """How terms are compared: lowercased letters and digits, so "Badan  Publik" = "badan publik"."""
    return letters_and_digits(term)


def full_names(definitions: list[Definition], source: str, short: str) -> list[str]:
    """What a document's short name stands for in it: "Dinas" in a Perbup defining "Dinas Kepemudaan dan
    Olahraga yang selanjutnya disebut Dinas adalah Dinas Kepemudaan dan Olahraga Kabupaten Blitar"."""
    key = normalise_term(short)
    names = []
    for d in definitions:
        if d.source != source or key not in {normalise_term(name) for name in d.names()}:
            continue
        named = d.definition.split(" adalah ", 1)[1].rstrip(" .;") if " adalah " in d.definition else ""
        names += [name for name in (d.term, named) if normalise_term(name).startswith(key) and normalise_term(name) != key]
    return names


def matching(definitions: list[Definition], term: str) -> list[Definition]:
    """Definitions whose term or alias is the asked term (case and spacing ignored).

    "Pejabat Pengelola Informasi dan Dokumentasi (PPID)" is asked with its abbreviation in
    brackets: the term without it, and the abbreviation alone, are tried too.
    """
    keys = {normalise_term(term), normalise_term(re.sub(r"\s*\([^)]*\)", "", term))}
    keys |= {normalise_term(inner) for inner in re.findall(r"\(([^)]{1,20})\)", term)}
    keys.discard("")
    return [d for d in definitions if any(normalise_term(name) in keys for name in d.names())]
