"""'Apa tugas Sekretariat ...?', 'Apa asas ...?': passages assigning the asked duty, purpose or principle to the asked subject."""

from __future__ import annotations

from ingest.glossary import full_names

from ..corpus import Corpus
from ..query import duty_match
from .base import Query, Ranking, leading_passages, longest_matches


class DutyRanker:
    name = "duty"

    def applies(self, query: Query) -> bool:
        return bool(query.intent.duty_subject)

    def rank(self, query: Query, corpus: Corpus) -> Ranking:
        """In the documents retrieval already favours. The question names the body in full
        ("Sekretariat Dinas Kepemudaan dan Olahraga Kabupaten Blitar") while the regulation writes
        "Sekretariat mempunyai tugas": the longest leading part of the name that some passage assigns
        duties to is taken, unless the document defines that part as another body: its "Dinas" is the
        Dinas Kepemudaan dan Olahraga, not the asked Dinas Komunikasi dan Informatika.
        """
        pool = leading_passages(query, corpus)
        words = query.intent.duty_subject.lower().split()
        matched = {p.id: duty_match(p.text, words, query.intent.duty_noun) for p in pool}
        partial = {(p.source, matched[p.id]) for p in pool if 0 < matched[p.id] < len(words)}  # each looked up once
        others = {source for source, shared in partial if _another_body(corpus, source, words, shared)}
        return longest_matches(query, {p.id: 0 if p.source in others and matched[p.id] < len(words) else matched[p.id] for p in pool})


def _another_body(corpus: Corpus, source: str, words: list[str], matched: int) -> bool:
    """Whether the document's short name for the first `matched` words stands for a body whose name lacks
    the asked name's next word."""
    names = full_names(corpus.definitions, source, " ".join(words[:matched]))
    return bool(names) and not any(words[matched] in name.lower().split() for name in names)
