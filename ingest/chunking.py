"""Structure tree → passages: one per Pasal, long Pasal split at ayat (then huruf/angka) boundaries.

A passage must be citable on its own, so it never starts mid-sentence when a boundary exists, a
heading always stays with its body, and each passage gets a context header (document › BAB › Pasal)
that is embedded and lexically indexed with it. Pages are found by locating the passage's own
text in the cleaned pages, which stays right however the parser reflowed lines.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass

from .legaltext import split_sentences
from .model import Document, Node, Page, Passage
from .tables import find_tables

MAX_CHARS = 1200  # ~300 e5 tokens: long enough for a whole typical Pasal, short enough to embed fast
_TRIVIAL_PENJELASAN = re.compile(r"^\W*cukup\s+jelas\W*$", re.IGNORECASE)
# A table of contents (of sections, tables or figures): lines that end in a page number after a dot leader
# or in a table's last cell. It answers no question (the sections carry their own headings), yet shares the
# words of every question about them.
_CONTENTS_TITLE = re.compile(r"\b(?:daftar\s+(?:isi|tabel|gambar|grafik|bagan|lampiran)|table\s+of\s+contents)\b", re.IGNORECASE)
_CONTENTS_ENTRY = re.compile(r"(?P<leader>(?:\.\s?){3,}|…+|\|)\s*(?P<page>\d{1,3}|[ivxlc]{1,6})\s*\|?\s*$", re.IGNORECASE)
# Under a "Daftar Isi" title an entry may print its page after a plain space ("2. Pendahuluan 4").
_TITLED_ENTRY = re.compile(r"(?P<leader>[^\W\d_][\w).]*\s)(?P<page>\d{1,3}|[ivxlc]{1,6})\s*$", re.IGNORECASE)
MIN_CONTENTS_ENTRIES = 4
MIN_TITLED_ENTRIES = 2  # the tail of a contents table the chunker cut off, under its "Daftar Isi" heading
CONTENTS_SHARE = 0.6  # of a passage's lines that must be entries


@dataclass
class _Piece:
    text: str
    ayat: list[str]


def is_contents(text: str, path: list[str]) -> bool:
    """Whether a passage is (part of) a table of contents: most of its lines are entries ending in a page
    number, their arabic page numbers do not go back (but for one OCR misreading in ten), and it is titled
    as one ("Daftar Isi", in the passage or its section) or its entries use dot leaders. A data table
    whose last column holds numbers (days, scores) has no such title or leaders."""
    lines = [line.strip() for line in text.splitlines() if line.strip() and not set(line.strip()) <= set("|-: ")]
    titled = bool(_CONTENTS_TITLE.search(" ".join([*path, *lines[:2]])))
    entries = [match for line in lines if (match := _CONTENTS_ENTRY.search(line) or (titled and _TITLED_ENTRY.search(line)))]
    if len(entries) < (MIN_TITLED_ENTRIES if titled else MIN_CONTENTS_ENTRIES) or len(entries) < CONTENTS_SHARE * len(lines):
        return False
    pages = [int(match["page"]) for match in entries if match["page"].isdigit()]
    if sum(later < earlier for earlier, later in zip(pages, pages[1:])) > len(pages) // 10:  # one misread page in ten
        return False
    dotted = sum(1 for match in entries if match["leader"].strip(". …") == "") >= CONTENTS_SHARE * len(entries)
    return titled or dotted


def letters_and_digits(text: str) -> str:
    """Lowercased letters and digits only: how text is matched across reflowed lines and tables."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


class PageLocator:
    """Maps text back to the pages it came from, comparing letters and digits only."""

    def __init__(self, pages: list[Page]) -> None:
        self._starts: list[int] = []
        self._numbers: list[int | None] = []
        parts = []
        offset = 0
        for page in pages:
            norm = letters_and_digits(page.text)
            self._starts.append(offset)
            self._numbers.append(page.number)
            parts.append(norm)
            offset += len(norm)
        self._text = "".join(parts)
        self._cursor = 0

    def _page_at(self, offset: int) -> int | None:
        if not self._numbers:
            return None
        return self._numbers[max(bisect_right(self._starts, offset) - 1, 0)]

    def locate(self, text: str) -> tuple[int | None, int | None]:
        norm = letters_and_digits(text)
        if not norm or not self._text:
            return None, None
        start = -1
        for skip in (0, 20, 60):  # a list label added by the parser may not stand before the text
            head = norm[skip : skip + 60]
            if len(head) < 20 and skip:
                break
            start = self._text.find(head, self._cursor)
            if start < 0:
                start = self._text.find(head)
            if start >= 0:
                break
        if start < 0:
            return None, None
        tail = norm[-60:]
        end = self._text.find(tail, start)
        end = end + len(tail) - 1 if end >= 0 else start + len(norm) - 1
        self._cursor = start + 1
        return self._page_at(start), self._page_at(min(end, len(self._text) - 1))


def _split_text(text: str, limit: int) -> list[str]:
    """Split plain text at paragraph, then line, then sentence boundaries; tables keep their headers."""
    pieces = _split_plain(text, limit)
    return _carry_table_headers(text, pieces) if len(pieces) > 1 and "\n|" in text else pieces


def _split_plain(text: str, limit: int) -> list[str]:
    """Pieces <= limit, cut at the largest boundary available: paragraph, line, sentence, space."""
    if len(text) <= limit:
        return [text]
    for separator in ("\n\n", "\n", None):
        units = split_sentences(text) if separator is None else text.split(separator)
        if len(units) > 1:
            joiner = separator or " "
            pieces, current = [], ""
            for unit in units:
                candidate = f"{current}{joiner}{unit}" if current else unit
                if len(candidate) <= limit or len(current) < limit // 4:  # a short lead-in stays with what follows
                    current = candidate
                else:
                    pieces.append(current)
                    current = unit
            pieces.append(current)
            if len(pieces) > 1:
                return [p for piece in pieces for p in _split_plain(piece, limit) if p.strip()]
    # One enormous unbroken run (a flattened table): hard-wrap at a space.
    cut = text.rfind(" ", 0, limit)
    cut = cut if cut > limit // 2 else limit
    return [text[:cut], *_split_plain(text[cut:].lstrip(), limit)]


def _carry_table_headers(text: str, pieces: list[str]) -> list[str]:
    """A table split across passages keeps its caption and header row in every piece, so a row
    ("Pemerintah Kab. Blitar | 3,63") is still read as 'Indeks SPBE 2023' on its own; a piece that
    starts at a table's header row gets the caption left at the end of the piece before."""
    lines = text.split("\n")
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    spans = find_tables(lines)
    out, cursor = [], 0
    for piece in pieces:
        first = piece.split("\n", 1)[0]
        position = text.find(first, cursor)
        cursor = max(cursor, position)
        row = bisect_right(starts, position) - 1 if position >= 0 else -1
        context: list[str] = []
        for span in spans:
            caption = [lines[span.caption_line]] if span.caption_line is not None and span.caption_line < span.header_line else []
            if row in span.body_lines:
                context = [*caption, lines[span.header_line], lines[span.header_line + 1]]
            elif row == span.header_line:
                context = caption
        out.append("\n".join([*context, piece]))
    return out


def _group(units: list[_Piece], intro: str, limit: int) -> list[_Piece]:
    """Pack consecutive units into pieces <= limit; the intro (heading text) stays with the first."""
    groups: list[_Piece] = []
    current = _Piece(intro, [])
    for unit in units:
        candidate = f"{current.text}\n{unit.text}" if current.text else unit.text
        if len(candidate) <= limit or not current.text:
            current = _Piece(candidate, current.ayat + unit.ayat)
        else:
            groups.append(current)
            current = _Piece(unit.text, list(unit.ayat))
    if current.text:
        groups.append(current)
    return groups


def _pieces(node: Node, limit: int) -> list[_Piece]:
    """A Pasal (or ayat) as pieces under the limit, splitting at its children, deepest last."""
    text = node.full_text()
    ayat = [node.number] if node.kind == "ayat" and node.number else []
    if len(text) <= limit:
        return [_Piece(text, ayat)]
    if not node.children:
        return [_Piece(piece, ayat) for piece in _split_text(text, limit)]
    units: list[_Piece] = []
    for child in node.children:
        for i, piece in enumerate(_pieces(child, limit)):
            labelled = i == 0 and child.kind in ("ayat", "huruf", "angka") and not piece.text.startswith(child.label)
            units.append(_Piece(f"{child.label} {piece.text}" if labelled else piece.text, piece.ayat or ayat))
    intro_pieces = _split_text(node.text, limit) if node.text else [""]
    head = [_Piece(p, ayat) for p in intro_pieces[:-1]]
    return head + _group(units, intro_pieces[-1], limit)


def _ayat_label(numbers: list[str]) -> str | None:
    numbers = list(dict.fromkeys(n for n in numbers if n))
    if not numbers:
        return None
    return numbers[0] if len(numbers) == 1 else f"{numbers[0]}-{numbers[-1]}"


def _heading(node: Node) -> str:
    title = (node.title or "").strip()
    return f"{node.label} {title}".strip() if title and title.lower() not in node.label.lower() else node.label


class _Chunker:
    def __init__(self, document: Document, pages: list[Page], limit: int, key: str) -> None:
        self.document = document
        self.key = key
        self.locator = PageLocator(pages)
        self.limit = limit
        self.passages: list[Passage] = []
        self.ocr_pages = {page.number for page in pages if page.ocr}
        tentang = f" tentang {document.tentang}" if document.tentang and document.is_regulation else ""
        self.doc_header = f"{document.short_name}{tentang[:100]}"

    def emit(
        self, text: str, path: list[str], kind: str, pasal: Node | None = None, ayat: str | None = None,
        node_pages: tuple[int | None, int | None] = (None, None),
    ) -> None:
        """`node_pages` are the pages of the node the text comes from, used when the text was composed
        by a parser (an SOP step names its columns) and so is not found verbatim in the pages."""
        text = text.strip()
        if not text or is_contents(text, path):
            return
        page_start, page_end = self.locator.locate(text)
        if page_start is None:
            page_start, page_end = node_pages
        header = " › ".join([self.doc_header, *path])
        self.passages.append(
            Passage(
                id=f"{self.key}:{len(self.passages):05d}",
                source=self.document.source,
                text=text,
                header=header,
                path=[p.split("\n")[0] for p in path],
                kind=kind,
                pasal=pasal.number if pasal else None,
                ayat=ayat,
                page_start=page_start,
                page_end=page_end,
                pasal_inferred=pasal.inferred if pasal else False,
                missing_pasal=pasal.missing_after if pasal else None,
                ocr=page_start is not None and any(
                    n in self.ocr_pages for n in range(page_start, (page_end or page_start) + 1)
                ),
            )
        )

    def pasal(self, node: Node, path: list[str], kind: str) -> None:
        pieces = _pieces(node, self.limit)
        for piece in pieces:
            if kind == "penjelasan" and _TRIVIAL_PENJELASAN.match(piece.text):
                continue
            ayat = _ayat_label(piece.ayat) if len(pieces) > 1 else None
            self.emit(piece.text, [*path, node.label], kind, pasal=node, ayat=ayat)

    def text_block(self, node: Node, path: list[str], kind: str, carry: str = "") -> None:
        """A non-Pasal node: its own text as passages, then its children; short lead text is carried down."""
        own = "\n".join(part for part in (carry, node.text.strip()) if part)
        children = [c for c in node.children if c.kind not in ("ayat", "huruf", "angka")]
        if node.children and len(children) < len(node.children):
            own = "\n".join(part for part in (carry, node.full_text()) if part)
            children = []
        if children and len(own) < 200:
            carry, own = own, ""
        else:
            carry = ""
        for piece in _split_text(own, self.limit) if own else []:
            self.emit(piece, path, kind, node_pages=(node.page_start, node.page_end))
        for child in children:
            self.visit(child, path, kind, carry)
            carry = ""

    def visit(self, node: Node, path: list[str], kind: str = "section", carry: str = "") -> None:
        if node.kind == "pasal":
            self.pasal(node, path, kind if kind == "penjelasan" else "pasal")
            return
        child_kind = {
            "pembukaan": "pembukaan",
            "penutup": "penutup",
            "penjelasan": "penjelasan",
            "lampiran": "lampiran",
        }.get(node.kind, kind)
        label = _heading(node) if node.label else ""
        if node.kind == "penjelasan" and not label:
            label = "Penjelasan"
        child_path = [*path, label] if label and node.kind not in ("document", "batang_tubuh") else path
        if node.kind in ("document", "batang_tubuh", "bab", "bagian", "paragraf", "penjelasan", "penjelasan_pasal"):
            for piece in _split_text(node.text.strip(), self.limit) if node.text.strip() else []:
                self.emit(piece, child_path, child_kind)
            for child in node.children:
                self.visit(child, child_path, child_kind)
            return
        self.text_block(node, child_path, child_kind, carry)


def passage_key(source: str, sha256: str, version: str) -> str:
    """The id prefix of one version of one document's passages.

    The source name keeps two files from ever sharing an id (same bytes under another name); the
    version (ingest's fingerprint: bytes, sidecar, pipeline, lexicon) gives a re-processed document
    new ids, so an id is never rewritten with other text while readers may still hold the old one.
    """
    return hashlib.sha256(f"{source}\0{sha256}\0{version}".encode()).hexdigest()[:16]


def chunk_document(document: Document, tree: Node, pages: list[Page], version: str = "", limit: int = MAX_CHARS) -> list[Passage]:
    """Passages for one parsed document, in reading order, with ids naming this document and `version` of it."""
    chunker = _Chunker(document, pages, limit, passage_key(document.source, document.sha256, version))
    chunker.visit(tree, [])
    return chunker.passages
