"""'Apa tugas Sekretariat ...?', 'Apa asas ...?': passages assigning the asked duty, purpose or principle to the asked subject."""

from __future__ import annotations

from ..corpus import Corpus
from ..query import duty_match
from .base import Query, Ranking, leading_sources


class DutyRanker:
    name = "duty"

    def applies(self, query: Query) -> bool:
        return bool(query.intent.duty_subject)

    def rank(self, query: Query, corpus: Corpus) -> Ranking:
        """In the documents retrieval already favours. The question names the body in full
        ("Sekretariat Dinas Kepemudaan dan Olahraga Kabupaten Blitar") while the regulation writes
        "Sekretariat mempunyai tugas": the longest leading part of the name that some passage assigns
        duties to is taken.
        """
        pool = [p for source in leading_sources(query.order, corpus) for p in corpus.passages_of(source) if query.admits(p.id)]
        words = query.intent.duty_subject.lower().split()
        matched = {p.id: duty_match(p.text, words, query.intent.duty_noun or "tugas") for p in pool}
        longest = max(matched.values(), default=0)
        if not longest:
            return Ranking([])
        rank = {pid: i for i, pid in enumerate(query.order)}
        found = sorted((pid for pid in matched if matched[pid] == longest), key=lambda pid: rank.get(pid, len(rank)))
        return Ranking(found[: query.config.candidates])
