"""A question naming a document ("menurut UU 14/2008", "Pasal 5 PP 71/2019", "dalam SOP Pelayanan Permohonan
Informasi Publik"): its passages, the named Pasal first."""

from __future__ import annotations

from ..corpus import Corpus
from .base import Query, Ranking


class ReferenceRanker:
    name = "reference"

    def applies(self, query: Query) -> bool:
        return True  # a title names a document too; `rank` finds none when nothing is named

    def rank(self, query: Query, corpus: Corpus) -> Ranking:
        sources = corpus.named_sources(query.intent)
        if not sources:
            return Ranking([])
        exact = corpus.provision(query.intent, query.allowed)
        candidates = [pid for pid in query.order if corpus.source_of(pid) in sources and pid not in exact]
        ids = exact + [pid for pid in candidates if query.admits(pid)]
        return Ranking(ids[: query.config.candidates], pinned=exact[:1])
