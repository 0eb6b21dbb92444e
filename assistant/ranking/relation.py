"""'Apa yang dicabut oleh ...?', '... masih berlaku?': where the indexed documents state an amendment or revocation."""

from __future__ import annotations

from ..corpus import Corpus
from .base import Query, Ranking


class RelationRanker:
    name = "relation"

    def applies(self, query: Query) -> bool:
        return query.intent.about_status and bool(query.intent.documents)

    def rank(self, query: Query, corpus: Corpus) -> Ranking:
        """The passage stating each relation that involves a named regulation, as newer or older."""
        found = []
        for relation in corpus.relations:
            if not any(ref.same_regulation(relation.newer_ref()) or ref.same_regulation(relation.older_ref()) for ref in query.intent.documents):
                continue
            found += [
                p.id
                for p in corpus.passages_of(relation.stated_in)
                if p.location() == relation.location and relation.text[:60] in " ".join(p.text.split())
            ][:1]
        return Ranking([pid for pid in dict.fromkeys(found) if query.admits(pid)])
