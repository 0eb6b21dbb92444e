"""'Apa saja peralatan/perlengkapan SOP ...?', 'Apa dasar hukum SOP ...?': the identity field of the SOP that
the question names by its printed label (`QueryIntent.sop_fields`), before the steps that share its words."""

from __future__ import annotations

from ingest.sop import IDENTITY

from ..corpus import Corpus
from .base import Query, Ranking, leading_sources

SOP = "SOP"  # the jenis ingest/metadata gives an SOP


class SopFieldRanker:
    name = "sop_field"

    def applies(self, query: Query) -> bool:
        return bool(query.intent.sop_fields)

    def rank(self, query: Query, corpus: Corpus) -> Ranking:
        """In the SOPs the question names, or else those retrieval favours, the fields it asks for."""
        fields = set(query.intent.sop_fields)
        leading = leading_sources(query.order, corpus)
        sources = corpus.named_sources(query.intent) or set(leading)
        sops = [source for source in leading if source in sources and corpus.documents[source].jenis == SOP]
        found = [
            passage.id for source in sops for passage in corpus.passages_of(source)
            if passage.path[:1] == [IDENTITY] and passage.path[-1] in fields and query.admits(passage.id)
        ]
        return Ranking(found)
