"""The obligations register: who must, may not, or is tasked to do what, with its Pasal.

Norms in Indonesian regulations are sentences built on a few modal words (UU 12/2011 Lampiran II
C.3: "wajib" for obligations, "dilarang" for prohibitions, "harus" for conditions; SOTK
regulations add "mempunyai tugas"/"bertugas", "bertanggung jawab"). The actor is the subject
written before that word ("Badan Publik wajib ..."), or the agent after "oleh" in a passive
sentence ("... wajib disampaikan oleh Bupati").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .legaltext import MODALITIES, find_norm, leading_label, norm_actor, split_ayat, split_items, split_sentences
from .model import Passage

__all__ = ["MODALITIES", "Obligation", "extract_obligations", "filter_obligations"]

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


def _norms(text: str) -> list[tuple[str | None, str, str, str]]:
    """(ayat number, text, actor, modality) of each norm of a passage.

    A sentence is one norm with the list items under it ("Penyelenggara berkewajiban: a. ...; b. ...").
    An item states a norm of its own when the lead-in states none ("... memuat: a. ...; b. Badan Publik
    wajib memberitahukan ..."), or when it names a body of its own (a capitalised actor) under a lead-in
    that does; otherwise its modal words belong to the lead-in's norm.
    """
    out = []
    for block in split_ayat(text):
        label = leading_label(block)
        ayat = label[1] if label and label[0] == "ayat" else None
        for sentence in split_sentences(" ".join(block.split())):
            lead_in, *items = split_items(sentence)
            lead_norm = find_norm(lead_in)
            if lead_norm:
                out.append((ayat, sentence, norm_actor(lead_in, lead_norm[1]), lead_norm[0]))
            for item in items:
                if norm := find_norm(item):
                    actor = norm_actor(item, norm[1])
                    if actor[:1].isupper() or not lead_norm:
                        out.append((ayat, item, actor, norm[0]))
    return out


def extract_obligations(passages: list[Passage]) -> list[Obligation]:
    """Norm sentences of the articles (not Penjelasan, Lampiran or definitions), one per modal use."""
    found = []
    for passage in passages:
        if passage.kind != "pasal":
            continue
        for ayat, sentence, actor, modality in _norms(passage.text):
            text = sentence if len(sentence) <= MAX_TEXT else sentence[: MAX_TEXT - 1].rstrip() + "…"
            found.append(Obligation(passage.source, actor, modality, text, passage.pasal, ayat or passage.ayat, passage.page_start, passage.id))
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
