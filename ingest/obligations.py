"""The obligations register: who must, may not, or is tasked to do what, with its Pasal.

Norms in Indonesian regulations are sentences built on a few modal words (UU 12/2011 Lampiran II
C.3: "wajib" for obligations, "dilarang" for prohibitions, "harus" for conditions; SOTK
regulations add "mempunyai tugas"/"bertugas", "bertanggung jawab"). The actor is the subject
written before that word ("Badan Publik wajib ..."), or the agent after "oleh" in a passive
sentence ("... wajib disampaikan oleh Bupati").
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from .model import Passage

MODALITIES = {
    "wajib": r"wajib",
    "harus": r"harus",
    "bertanggung jawab": r"bertanggung\s+jawab",
    "berkewajiban": r"berkewajiban",
    "bertugas": r"(?:bertugas|mempunyai\s+tugas)",
    "dilarang": r"dilarang",
}
_MODAL = re.compile(r"\b(?:" + "|".join(f"(?P<m{i}>{p})" for i, p in enumerate(MODALITIES.values())) + r")\b", re.IGNORECASE)
_AYAT_SPLIT = re.compile(r"\n(?=\(\d{1,2}\)\s)")
_SENTENCE_SPLIT = re.compile(r"(?<=[a-z0-9)][.])\s+(?=[A-Z(])")
_LEADING_LABEL = re.compile(r"^\s*(?:\((\d{1,2})\)|[a-z][.)]|\d{1,3}[.)])\s*")
# A modal word after these is not a norm on an actor: "informasi yang wajib disediakan", "tidak wajib".
_NOT_A_NORM = re.compile(r"(?:\byang|\btidak|\bbukan|\badalah|\bmerupakan|\bsebagai)\s*$", re.IGNORECASE)
_DETERMINER = re.compile(r"^(?:setiap|masing-masing|seluruh|semua|para)\s+(?=\S)", re.IGNORECASE)
_AGENT = re.compile(r"\boleh\s+(?P<agent>[A-Z][^,.;:]{2,80}?)(?=\s+(?:yang|untuk|dalam|sesuai|kepada|paling|sebagaimana|melalui)\b|[,.;:]|$)")
_PASSIVE = re.compile(r"\s+(?:sudah\s+|segera\s+|untuk\s+)?di[a-z]{3,}\b")  # "wajib diolah", "harus dilengkapi"
_REFERENCE_TAIL = re.compile(r"\s*sebagaimana\s+dimaksud\s+(?:dalam|pada)\b.*$", re.IGNORECASE)
_LED_BY = re.compile(r"\bdipimpin\s+oleh\s+(?P<leader>.+?)(?:\s+yang\b|$)")
_TIME_HEAD = re.compile(r"^(?:tahun|bulan|semester|triwulan|hari)\s+", re.IGNORECASE)
_ADVERB_TAIL = re.compile(r"\s+(?:yang\s+\w+\s+sebagai\s+.*?\s+)?(?:berkedudukan|berada)\b.*$|(?:\s+(?:sudah|juga|pun|tetap|hanya|masih|senantiasa|terlebih\s+dahulu))+$", re.IGNORECASE)
_OPENER = re.compile(r"^(?:pada|dalam|apabila|jika|untuk|sebelum|setelah|sesudah|paling|selama|sejak)\b", re.IGNORECASE)
_LEADING_JOIN = re.compile(r"^(?:(?:dan/atau|dan|atau|serta)\s+)+", re.IGNORECASE)
_ACTOR_START = re.compile(r"^[A-Za-z][A-Za-z-]+\b(?!\.)")  # a word, not a list label ("b.") or a stray mark
MAX_ACTOR_WORDS = 10
MAX_TEXT = 700


@dataclass
class Obligation:
    source: str
    actor: str  # "" when the sentence names none
    modality: str  # a key of MODALITIES
    text: str  # the sentence (with its list items) as printed, whitespace joined
    pasal: str | None
    ayat: str | None
    page: int | None
    passage_id: str

    def to_dict(self) -> dict:
        return asdict(self)


def _modality(match: re.Match) -> str:
    keys = list(MODALITIES)
    return next(keys[i] for i in range(len(keys)) if match.group(f"m{i}"))


def actor_of(sentence: str, match: re.Match) -> str:
    """The subject written before the modal word, or the agent after "oleh" in a passive sentence."""
    after = sentence[match.end() :]
    if _PASSIVE.match(after):  # "laporan wajib diolah": what is written before is the object, not the actor
        agent = _AGENT.search(after)
        return agent.group("agent").strip() if agent else ""
    before = _LEADING_LABEL.sub("", sentence[: match.start()]).strip(" ,;:")
    led = _LED_BY.search(before)
    if led:
        return led.group("leader").strip()
    segments = [_DETERMINER.sub("", _REFERENCE_TAIL.sub("", part).strip()) for part in re.split(r"[,;:]\s+", before)]
    segments = [segment for segment in segments if segment] or [""]
    actor = segments[-1] if segments else ""
    # "Kepala Dinas, Sekretaris, ... dan Kelompok Jabatan Fungsional wajib": a list of actors
    names = [seg for seg in reversed(segments[:-1]) if seg[:1].isupper() and len(seg.split()) <= 5]
    listed = bool(actor and (actor.startswith("dan ") or " dan " in actor) and names)
    if listed:
        count = next((i for i, seg in enumerate(reversed(segments[:-1])) if seg not in names), len(segments) - 1)
        actor = ", ".join(segments[len(segments) - 1 - count :])
    actor = _ADVERB_TAIL.sub("", _TIME_HEAD.sub("", actor)).strip()
    if listed:
        return actor
    if _OPENER.match(actor):
        tail = re.search(r"(?:[A-Z][\w/-]*(?:\s+(?:dan|atau|di|kabupaten/kota|provinsi)\b)?\s*)+$", actor)
        actor = tail.group(0).strip() if tail else ""
    actor = _LEADING_JOIN.sub("", actor).strip()
    return actor if _ACTOR_START.match(actor) and len(actor.split()) <= MAX_ACTOR_WORDS else ""


def _sentences(text: str) -> list[tuple[str | None, str]]:
    """(ayat number, sentence) of a passage; a sentence ending in ':' keeps the list items under it."""
    out = []
    for block in _AYAT_SPLIT.split(text):
        label = _LEADING_LABEL.match(block)
        ayat = label.group(1) if label and label.group(1) else None
        flat = " ".join(block.split())
        out += [(ayat, sentence) for sentence in _SENTENCE_SPLIT.split(flat) if sentence]
    return out


def extract_obligations(passages: list[Passage]) -> list[Obligation]:
    """Norm sentences of the articles (not Penjelasan, Lampiran or definitions), one per modal use."""
    found = []
    for passage in passages:
        if passage.kind != "pasal":
            continue
        for ayat, sentence in _sentences(passage.text):
            match = next((m for m in _MODAL.finditer(sentence) if not _NOT_A_NORM.search(sentence[: m.start()])), None)
            if match is None:
                continue
            text = sentence if len(sentence) <= MAX_TEXT else sentence[: MAX_TEXT - 1].rstrip() + "…"
            found.append(
                Obligation(
                    passage.source,
                    actor_of(sentence, match),
                    _modality(match),
                    text,
                    passage.pasal,
                    ayat or passage.ayat,
                    passage.page_start,
                    passage.id,
                )
            )
    return found


def filter_obligations(obligations: list[Obligation], actor: str | None = None, source: str | None = None) -> list[Obligation]:
    """Case-insensitive actor substring and exact-or-suffix source file filters."""
    needle = " ".join((actor or "").lower().split())
    return [
        o
        for o in obligations
        if (not needle or needle in o.actor.lower())
        and (not source or o.source == source or o.source.endswith(f"/{source}"))
    ]
