"""What a question asks for, read from its wording: a definition, a named regulation, a Pasal.

Staff ask "Apa yang dimaksud dengan Badan Publik?" or "isi Pasal 7 UU 14/2008". Those forms map
onto how Indonesian legal drafting writes definitions ("X adalah ...") and citations
("Undang-Undang Nomor 14 Tahun 2008"), so recognising them gives retrieval exact targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.citations import REGULATION, DocumentRef, document_refs

_DEFINITION_PATTERNS = [
    r"(?:apa\s+)?(?:yang\s+)?dimaksud\s+(?:dengan\s+)?(?P<term>.+)",
    r"(?:apa\s+)?(?:pengertian|definisi|arti)\s+(?:dari\s+)?(?P<term>.+)",
    r"apa\s+(?:itu|sih|kah)\s+(?P<term>.+)",
    r"(?P<term>.+?)\s+itu\s+apa\b.*",
    r"(?P<term>.+?)\s+(?:adalah|ialah)\s+apa\b.*",
    r"what\s+is\s+(?:meant\s+by\s+)?(?:an?\s+|the\s+)?(?P<term>.+)",
]
# Trailing qualifiers that name where to look, not what to define.
_TERM_TAIL = re.compile(r"\s+(?:menurut|dalam|di|pada|berdasarkan|sesuai|according|in)\b.*$|[?.!]+$", re.IGNORECASE)

# Questions about when a regulation was enacted, or why/on what basis, are answered by the parts
# around the articles: the penutup ("Ditetapkan di ... pada tanggal ...") and the pembukaan.
_PART_QUESTIONS = {
    "penutup": re.compile(r"\b(kapan|tanggal|tgl)\b.*\b(ditetapkan|diundangkan|disahkan|ditandatangani|berlaku)\b", re.IGNORECASE),
    "pembukaan": re.compile(r"\b(dasar hukum|menimbang|mengingat|pertimbangan|untuk melaksanakan|latar belakang penetapan)\b", re.IGNORECASE),
}
# "Apa tugas Sekretariat Dinas X?" is answered where a SOTK regulation writes "Sekretariat mempunyai tugas".
_DUTY_QUESTION = re.compile(
    r"^(?:apa(?:\s+saja)?|sebutkan|jelaskan)?\s*(?:tugas(?:\s+pokok)?|fungsi|wewenang|kewenangan)\s+(?:dari\s+)?(?P<subject>.+?)\s*\??$",
    re.IGNORECASE,
)
_DUTY_TAIL = re.compile(r"\s+(?:di|dalam|menurut|pada|sesuai)\b.*$", re.IGNORECASE)
_STATUS_QUESTION = re.compile(r"\b(dicabut|mencabut|pencabutan|diubah|mengubah|perubahan|diganti|menggantikan|masih\s+berlaku|tidak\s+berlaku)\b", re.IGNORECASE)
_PENJELASAN = re.compile(r"\bpenjelasan\s+(?:atas\s+|dari\s+)?pasal\b", re.IGNORECASE)
_PASAL = re.compile(r"\bpasal\s+(?P<pasal>\d+[a-z]?|[ivxlc]+)\b(?:\s+ayat\s*\(?\s*(?P<ayat>\d+)\s*\)?)?", re.IGNORECASE)


@dataclass(frozen=True)
class QueryIntent:
    definition_term: str | None = None
    documents: tuple[DocumentRef, ...] = ()
    pasal: str | None = None
    ayat: str | None = None
    part: str | None = None  # "penutup" or "pembukaan" when the question asks about enactment or grounds
    topic: str = ""  # the question without the regulation it names: what the evidence must cover
    duty_subject: str | None = None  # "Sekretariat Dinas Kepemudaan" in "Apa tugas Sekretariat Dinas Kepemudaan?"
    penjelasan: bool = False  # "Penjelasan Pasal 5 ..." asks for the elucidation, not the article
    about_status: bool = False  # "Apa yang dicabut oleh ...?", "... masih berlaku?": amendments/revocations


def definition_term(question: str) -> str | None:
    text = " ".join(question.strip().split())
    for pattern in _DEFINITION_PATTERNS:
        match = re.fullmatch(pattern, text, re.IGNORECASE)
        if match:
            term = _TERM_TAIL.sub("", match.group("term")).strip(" “”\"'?")
            term = _TERM_TAIL.sub("", term).strip(" “”\"'?")
            if 2 <= len(term) <= 80 and len(term.split()) <= 8:
                return term
    return None


def analyze(question: str) -> QueryIntent:
    documents = tuple(ref for ref, _ in document_refs(question))
    pasal = _PASAL.search(question)
    return QueryIntent(
        definition_term=definition_term(question),
        documents=documents,
        pasal=pasal.group("pasal").upper() if pasal else None,
        ayat=pasal.group("ayat") if pasal and pasal.group("ayat") else None,
        part=next((part for part, pattern in _PART_QUESTIONS.items() if pattern.search(question)), None),
        topic=REGULATION.sub(" ", question),
        duty_subject=duty_subject(question),
        penjelasan=bool(_PENJELASAN.search(question)),
        about_status=bool(_STATUS_QUESTION.search(question)),
    )


def duty_subject(question: str) -> str | None:
    match = _DUTY_QUESTION.match(" ".join(question.split()))
    if not match:
        return None
    subject = _DUTY_TAIL.sub("", match.group("subject")).strip(" ?")
    return subject or None


def states_duty(text: str, subject: str) -> bool:
    """Does the text assign duties to the subject, as SOTK regulations do ("X mempunyai tugas")?"""
    words = r"\s+".join(re.escape(word) for word in subject.lower().split())
    return bool(re.search(rf"(?<![\w-]){words}\s+(?:mempunyai\s+(?:tugas|fungsi|kewenangan)|bertugas|berwenang|menyelenggarakan\s+fungsi)", text.lower()))


def defines(text: str, term: str) -> bool:
    """Does the text define the term, as Ketentuan Umum and Penjelasan write definitions?"""
    words = r"\s+".join(re.escape(word) for word in term.lower().split())
    lowered = text.lower()
    if term.lower().split()[0] not in lowered:
        return False
    start = r"(?:^|\n|\d{1,3}\.\s+|\(\d{1,3}\)\s+|[-•]\s+|[“\"'])"  # a definition opens an item or a line
    return bool(
        re.search(rf"{start}{words}(?:\s*\([^)]{{1,40}}\))?(?:,?\s+yang\s+selanjutnya\s+(?:disebut|disingkat)[^.;]{{0,80}}?)?[”\"']?\s*,?\s+(?:adalah|ialah|merupakan)\b", lowered)
        or re.search(rf"selanjutnya\s+(?:disebut|disingkat)\s+(?:dengan\s+)?[“\"']?{words}[”\"']?\s*,?\s+(?:adalah|ialah)\b", lowered)
        or re.search(rf"yang\s+dimaksud\s+dengan\s+[“\"']?{words}\b", lowered)
    )
