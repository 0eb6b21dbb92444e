"""The typed data model every layer shares: pages in, a structure tree, passages out.

Ingest produces these; the index stores them; the assistant cites them. Keeping them in
one small module means a citation always carries the same fields from parser to UI.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

# Abbreviations used in context headers and citation labels ("Perbup Kab. Blitar No. 116 Tahun 2022").
JENIS_SHORT = {
    "Undang-Undang": "UU",
    "Peraturan Pemerintah": "PP",
    "Peraturan Presiden": "Perpres",
    "Peraturan Menteri": "Permen",
    "Peraturan Badan": "Peraturan Badan",
    "Peraturan Daerah": "Perda",
    "Peraturan Gubernur": "Pergub",
    "Peraturan Bupati": "Perbup",
    "Peraturan Wali Kota": "Perwal",
    "Surat Edaran": "SE",
    "Pedoman": "Pedoman",
    "Laporan": "Laporan",
    "Artikel Penelitian": "Artikel",
    # Planning documents and procedures: cited by their own title (`Document.short_name`).
    "RPJPN": "RPJPN",
    "RPJMN": "RPJMN",
    "RPJPD": "RPJPD",
    "RPJMD": "RPJMD",
    "RKPD": "RKPD",
    "Rencana Strategis": "Renstra",
    "Rencana Kerja": "Renja",
    "LKPJ": "LKPJ",
    "LAKIP": "LAKIP",
    "SOP": "SOP",
    "Tata Cara": "Tata Cara",
}
# Kinds cited by their title, which names the plan period or the procedure, not by number.
TITLED_KINDS = ("Laporan", "Artikel Penelitian", "RPJPN", "RPJMN", "RPJPD", "RPJMD", "RKPD", "Rencana Strategis",
                "Rencana Kerja", "LKPJ", "LAKIP", "SOP", "Tata Cara")


@dataclass
class Page:
    """One page of extracted text. `number` is the 1-based PDF page index, None when unknown."""

    number: int | None
    text: str
    ocr: bool = False


@dataclass
class Document:
    """Metadata of one source file, parsed from its title block (or a `.meta.toml` sidecar)."""

    source: str  # file name relative to the corpus folder, as cited
    title: str
    jenis: str | None = None  # canonical long form, e.g. "Peraturan Bupati" (keys of JENIS_SHORT)
    nomor: str | None = None  # as printed: "34", "8", "PER/5/M.PAN/2020"
    tahun: int | None = None
    tentang: str | None = None
    daerah: str | None = None  # e.g. "Kabupaten Blitar"; None for national documents
    status: str | None = None  # "Rancangan" for drafts, None when enacted/unknown
    instansi: str | None = None  # issuing body for Permen / Peraturan Badan / SE, e.g. "Menteri PANRB"
    pages: int = 0
    sha256: str = ""

    @property
    def is_regulation(self) -> bool:
        return self.jenis is not None and (self.jenis.startswith("Peraturan") or self.jenis == "Undang-Undang")

    @property
    def short_name(self) -> str:
        """Compact name for headers and citations, e.g. 'Perbup Kab. Pakpak Bharat No. 34 Tahun 2019'."""
        if not self.jenis or self.jenis in TITLED_KINDS or not (self.nomor or self.tahun):
            return self.title if len(self.title) <= 90 else self.title[:87].rstrip() + "…"
        parts = [JENIS_SHORT.get(self.jenis, self.jenis)]
        if self.instansi and self.jenis in ("Peraturan Menteri", "Peraturan Badan", "Surat Edaran", "Pedoman"):
            # "Permen PANRB", not "Permen Menteri PANRB"; an SE or Pedoman keeps "Menteri PANRB".
            parts.append(self.instansi.removeprefix("Menteri ") if self.jenis == "Peraturan Menteri" else self.instansi)
        if self.daerah:
            parts.append(self.daerah.replace("Kabupaten ", "Kab. ").replace("Provinsi ", "Prov. "))
        if self.nomor:
            parts.append(f"No. {self.nomor}")
        if self.tahun:
            parts.append(f"Tahun {self.tahun}")
        name = " ".join(parts)
        return f"Rancangan {name}" if self.status == "Rancangan" else name

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Node:
    """A node of the regulation tree (Pasal.id's model) or of a plain document's section tree.

    kind is one of: document, pembukaan, menimbang, mengingat, batang_tubuh, bab, bagian, paragraf,
    pasal, ayat, huruf, angka, penutup, penjelasan, penjelasan_umum, penjelasan_pasal, lampiran,
    section. `label` is the printed heading ("BAB III", "Pasal 7", "(2)", "a."), `number` its bare
    number ("III", "7", "2", "a"), `title` the heading's name ("KETENTUAN UMUM"), `text` the node's
    own text before its children. Pages are 1-based PDF pages, None where the source has none.
    """

    kind: str
    label: str = ""
    number: str | None = None
    title: str | None = None
    text: str = ""
    page_start: int | None = None
    page_end: int | None = None
    children: list[Node] = field(default_factory=list)
    # A Pasal whose heading the source lost (bad OCR, converter) is told apart, never cited as if printed:
    inferred: bool = False  # heading absent; number inferred from the ayat numbering restarting at (1)
    missing_after: str | None = None  # "25–27": lost Pasal headings whose text may sit inside this node

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def full_text(self) -> str:
        """The node's own text followed by all descendants' text, as printed."""
        lines = [self.text] if self.text else []
        for child in self.children:
            head = child.label if child.kind in ("ayat", "huruf", "angka") else ""
            body = child.full_text()
            lines.append(f"{head} {body}".strip() if head else _heading(child) + body)
        return "\n".join(line for line in lines if line)


def _heading(node: Node) -> str:
    head = " ".join(part for part in (node.label, node.title) if part)
    return f"{head}\n" if head else ""


@dataclass
class Passage:
    """One retrievable, citable unit: a Pasal (or a run of its ayat), a Lampiran part or a section."""

    id: str
    source: str
    text: str  # the passage body as printed (cleaned), shown to users in full
    header: str  # context header used for embedding and lexical search
    path: list[str] = field(default_factory=list)  # e.g. ["BAB III", "Bagian Kesatu", "Pasal 7"]
    kind: str = "section"  # pasal, penjelasan, lampiran, pembukaan, section
    pasal: str | None = None  # "7", "I"; None outside a Pasal
    ayat: str | None = None  # "2", or "2-4" for a run of ayat; None when the whole Pasal
    page_start: int | None = None
    page_end: int | None = None
    ocr: bool = False
    pasal_inferred: bool = False  # see Node.inferred
    missing_pasal: str | None = None  # see Node.missing_after
    tags: list[str] = field(default_factory=list)  # smart-city dimensions / SPBE domains (ingest/tagging.py)
    # A retrieval unit (a table row: ingest/units.py) names the passage it belongs to; retrieval finds
    # the unit and returns that parent with the unit marked.
    parent: str | None = None

    @property
    def search_text(self) -> str:
        """What gets embedded and lexically indexed: the context header, then the body."""
        return f"{self.header}\n{self.text}"

    def location(self) -> Location:
        """Where the passage sits inside its document, as parts; assistant/presentation.py words it."""
        if self.pasal:
            return Location(self.pasal, self.ayat, self.kind == "penjelasan", self.pasal_inferred, self.missing_pasal)
        return Location(path=tuple(self.path))

@dataclass(frozen=True)
class Location:
    """A place inside a document: a Pasal (with an ayat or a run "2-4" of them, in the body or the
    Penjelasan, its number read or inferred), or else the heading path of a section. Hashable, so it
    is a key; never display text."""

    pasal: str | None = None
    ayat: str | None = None
    penjelasan: bool = False
    inferred: bool = False  # see Node.inferred
    missing_after: str | None = None  # see Node.missing_after
    path: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: dict) -> Location:
        """Back from `asdict` and JSON (which turns the path into a list)."""
        return cls(**{**data, "path": tuple(data.get("path", ()))})

    def whole_pasal(self) -> Location:
        """The same place without its ayat: the Pasal as a whole."""
        return replace(self, ayat=None)
