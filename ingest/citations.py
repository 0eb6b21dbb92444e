"""Citations as Indonesian legal drafting writes them, and as staff type them.

Two kinds: a regulation ("Undang-Undang Nomor 14 Tahun 2008", "Perbup Pakpak Bharat 34/2019",
"Permenpan RB No. 59 Tahun 2020") and a provision inside one ("Pasal 3 ayat (1)", "pada ayat (2)",
"huruf a", "Lampiran I"). Both questions (assistant/query.py) and regulation text (relations,
cross-references) are read with the same patterns, so "14/2008" = "Nomor 14 Tahun 2008" everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import JENIS_SHORT, Document

# Aliases users and drafters write → canonical jenis of ingest.model.
JENIS_ALIASES = {
    r"uu|undang[\s-]*undang": "Undang-Undang",
    r"pp|peraturan\s+pemerintah": "Peraturan Pemerintah",
    r"perpres|peraturan\s+presiden": "Peraturan Presiden",
    r"permen\w*|peraturan\s+menteri": "Peraturan Menteri",
    r"peraturan\s+(?:badan|bssn)|perban": "Peraturan Badan",
    r"perda|peraturan\s+daerah": "Peraturan Daerah",
    r"pergub|peraturan\s+gubernur": "Peraturan Gubernur",
    r"perbup|peraturan\s+bupati": "Peraturan Bupati",
    r"perwal|perwali|peraturan\s+wali\s*kota": "Peraturan Wali Kota",
    r"se|surat\s+edaran(?:\s+menteri)?": "Surat Edaran",
    r"pedoman(?:\s+menteri)?": "Pedoman",
    # as an English question or abstract names them: "Law 14/2008", "Government Regulation No. 71 of 2019"
    r"law": "Undang-Undang",
    r"government\s+regulation": "Peraturan Pemerintah",
    r"presidential\s+regulation": "Peraturan Presiden",
    r"minist(?:er|erial|er's)(?:\s+of\s+[\w&.-]+(?:\s+[\w&.-]+){0,6}?)?\s+regulation|regulation\s+of\s+the\s+minister": "Peraturan Menteri",
    r"(?:bssn|agency)\s+regulation": "Peraturan Badan",
    r"regional\s+regulation": "Peraturan Daerah",
    r"governor(?:'s)?\s+regulation": "Peraturan Gubernur",
    r"regent(?:'s)?\s+regulation": "Peraturan Bupati",
    r"mayor(?:'s)?\s+regulation": "Peraturan Wali Kota",
    r"circular(?:\s+letter)?": "Surat Edaran",
}
# Contracted ministry names ("Permenpan RB", "Permendagri") and the long forms drafters write.
MINISTRIES = {
    "panrb": ("permenpan", "permenpanrb", "menpan", "pan rb", "panrb", "pendayagunaan aparatur negara dan reformasi birokrasi",
              "apparatus empowerment and bureaucratic reform", "administrative and bureaucratic reform"),
    "dalamnegeri": ("permendagri", "mendagri", "dalam negeri", "home affairs"),
    "kominfo": ("permenkominfo", "kominfo", "komunikasi dan informatika", "communication and informatics", "communications and informatics"),
    "keuangan": ("pmk", "permenkeu", "keuangan", "finance"),
}
# Words between the jenis and the number that say nothing about the issuer.
_FILLER = re.compile(
    r"\b(?:nomor|no|kabupaten|kab|kota|provinsi|prov|republik|indonesia|menteri|tentang|rb|tahun|number|of|the|republic)\b\.?", re.IGNORECASE
)
_JENIS_WORDS = r"uu|undang|pp|perpres|peraturan|permen\w*|perbup|perda|pergub|perwal\w*|surat|pedoman|se|ini|law|regulation"
_ISSUER_GAP = rf"(?P<gap>(?:(?!(?:{_JENIS_WORDS})\b)[\w.&,-]+\s+){{0,12}}?)"
_NUMBER = r"(?:(?:no(?:mor)?|number)\.?\s*:?\s*)?(?P<nomor>\d+[a-z]?)\s*(?:/|\s+tahun\s+|\s+th\.?\s+|\s+of\s+)(?P<tahun>(?:19|20)\d\d)\b"
REGULATION = re.compile(
    r"\b(?P<jenis>" + "|".join(f"(?:{alias})" for alias in JENIS_ALIASES) + r")\b\s*" + _ISSUER_GAP + _NUMBER,
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DocumentRef:
    """A regulation as cited. `issuer` (region or ministry, letters only) narrows the match when given."""

    jenis: str
    nomor: str
    tahun: int
    issuer: str = field(default="", compare=False)
    place: str = field(default="", compare=False)  # the issuer as written, for messages: "Blitar"

    def label(self) -> str:
        short = " ".join(part for part in (JENIS_SHORT.get(self.jenis, self.jenis), self.place) if part)
        return f"{short} No. {self.nomor} Tahun {self.tahun}"

    def matches(self, document: Document) -> bool:
        if not (document.jenis == self.jenis and document.nomor == self.nomor and document.tahun == self.tahun):
            return False
        place = _letters(document.daerah or "") or _ministry(document.instansi or "") or _letters(document.instansi or "")
        return not self.issuer or not place or self.issuer in place or place in self.issuer


    def same_regulation(self, other: DocumentRef) -> bool:
        """Both citations name one regulation: same jenis, number and year, issuers compatible."""
        if (self.jenis, self.nomor, self.tahun) != (other.jenis, other.nomor, other.tahun):
            return False
        return not self.issuer or not other.issuer or self.issuer in other.issuer or other.issuer in self.issuer


def canonical_jenis(alias: str) -> str:
    for pattern, jenis in JENIS_ALIASES.items():
        if re.fullmatch(pattern, alias.strip(), re.IGNORECASE):
            return jenis
    return ""


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _ministry(text: str) -> str:
    lowered = " ".join(text.lower().split())
    return next((key for key, forms in MINISTRIES.items() if any(form in lowered for form in forms)), "")


MINISTRY_NAMES = {"panrb": "PANRB", "dalamnegeri": "Dalam Negeri", "kominfo": "Kominfo", "keuangan": "Keuangan"}


def _place(alias: str, gap: str) -> str:
    """The issuer for messages: "PANRB", "Blitar", "Pakpak Bharat"."""
    ministry = _ministry(f"{alias} {gap}")
    if ministry:
        return MINISTRY_NAMES[ministry]
    return " ".join(_FILLER.sub(" ", gap).replace(",", " ").split()).title()


def _issuer(alias: str, gap: str) -> str:
    """The region or ministry written between jenis and number, letters only ('' when none)."""
    ministry = _ministry(f"{alias} {gap}")
    if ministry:
        return ministry
    return _letters(_FILLER.sub(" ", gap))


def document_refs(text: str) -> list[tuple[DocumentRef, tuple[int, int]]]:
    """Every regulation the text cites, with the span of the citation."""
    found = []
    for match in REGULATION.finditer(text):
        jenis = canonical_jenis(match.group("jenis"))
        if jenis:
            alias, gap = match.group("jenis"), match.group("gap")
            ref = DocumentRef(jenis, match.group("nomor").upper(), int(match.group("tahun")), _issuer(alias, gap), _place(alias, gap))
            found.append((ref, match.span()))
    return found


def cites(text: str, refs: list[DocumentRef]) -> bool:
    """Whether the text cites any of the regulations."""
    return any(ref.same_regulation(found) for found, _ in document_refs(text) for ref in refs)


def document_ref(document: Document) -> DocumentRef | None:
    """How other documents cite this one, when it has a number and year."""
    if not (document.jenis and document.nomor and document.tahun):
        return None
    region = re.sub(r"^(?:Kabupaten|Kota|Provinsi)\s+", "", document.daerah or "")
    issuer = _letters(region) or _ministry(document.instansi or "")
    place = region or MINISTRY_NAMES.get(issuer, "")
    return DocumentRef(document.jenis, document.nomor, document.tahun, issuer, place)


# --- provisions ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ProvisionRef:
    """A provision cited in text: Pasal 3 ayat (1) huruf a, or Lampiran II; `document` None = the same one."""

    text: str  # as written, e.g. "Pasal 3 ayat (1)"
    pasal: str | None = None
    ayat: str | None = None
    huruf: str | None = None
    lampiran: str | None = None  # "I", "II", or "" for an unnumbered Lampiran
    document: DocumentRef | None = None

    def to_dict(self) -> dict:
        return {
            "text": " ".join(self.text.split()),
            "pasal": self.pasal,
            "ayat": self.ayat,
            "huruf": self.huruf,
            "lampiran": self.lampiran,
            "document": self.document.label() if self.document else None,
        }


_PROVISION = re.compile(
    r"\b(?:(?P<pasal_kw>Pasal)\s+(?P<pasal>\d{1,3}[A-Z]?)\b"
    r"(?:\s+ayat\s*\((?P<ayat>\d{1,2})\))?(?:\s+huruf\s+(?P<huruf>[a-z])\b)?"
    r"|(?P<ayat_kw>ayat)\s*\((?P<ayat_only>\d{1,2})\)(?:\s+huruf\s+(?P<huruf2>[a-z])\b)?"
    r"|(?P<lampiran_kw>Lampiran)(?:\s+(?P<lampiran>[IVX]{1,4})\b)?)"
)
# Only a cited provision counts, not a heading or a running mention: drafting introduces it so.
_CITING = re.compile(r"(?:dimaksud|tersebut|diatur|ditetapkan|tercantum|sesuai(?:\s+dengan)?|berdasarkan|menurut)\s+(?:dalam|pada|di)?\s*$", re.IGNORECASE)
_CHAINED = re.compile(r"\s*(?:,|dan|atau|serta|sampai\s+dengan)\s*(?:(?:dalam|pada)\s+)?", re.IGNORECASE)
_SAME_DOCUMENT = re.compile(r"^\s*(?:Undang-Undang|Peraturan\s+\w+|Perpres|Perda|Perbup)\s+ini\b", re.IGNORECASE)


def provision_refs(text: str) -> list[ProvisionRef]:
    """Provisions the text cites ("sebagaimana dimaksud dalam Pasal 3 ayat (1)", "pada ayat (2)")."""
    refs: list[ProvisionRef] = []
    previous_end = -1
    for match in _PROVISION.finditer(text):
        before = text[max(0, match.start() - 60) : match.start()]
        chained = previous_end >= 0 and _CHAINED.fullmatch(text[previous_end : match.start()])
        if not (_CITING.search(before) or chained):
            continue
        previous_end = match.end()
        after = text[match.end() : match.end() + 160]
        named = REGULATION.match(after.lstrip(" ,"))
        document = None
        if named and not _SAME_DOCUMENT.match(after):
            document = document_refs(named.group(0))[0][0] if document_refs(named.group(0)) else None
        if match.group("pasal_kw"):
            ref = ProvisionRef(match.group(0), pasal=match.group("pasal"), ayat=match.group("ayat"), huruf=match.group("huruf"), document=document)
        elif match.group("ayat_kw"):
            ref = ProvisionRef(match.group(0), ayat=match.group("ayat_only"), huruf=match.group("huruf2"), document=document)
        else:
            ref = ProvisionRef(match.group(0), lampiran=match.group("lampiran") or "", document=document)
        if ref not in refs:
            refs.append(ref)
    return refs
