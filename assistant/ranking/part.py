"""'Kapan ... ditetapkan?' / 'Apa dasar hukum ...?': the penutup or pembukaan of the documents asked about;
'Kapan ... mulai berlaku?': first the Pasal of the ketentuan penutup that says so, then the penutup's date."""

from __future__ import annotations

from ingest.legaltext import COMMENCEMENT

from ..corpus import Corpus
from .base import Query, Ranking, leading_sources


class PartRanker:
    name = "part"

    def applies(self, query: Query) -> bool:
        return bool(query.intent.part)

    def rank(self, query: Query, corpus: Corpus) -> Ranking:
        """Of the documents the question names, or else of the top results."""
        sources = corpus.named_sources(query.intent) or leading_sources(query.order, corpus)
        rank = {source: i for i, source in enumerate(sources)}
        found = [pid for source in rank for pid in corpus.ids_of(source) if corpus.kind_of(pid) == query.intent.part and query.admits(pid)]
        found.sort(key=lambda pid: (rank[corpus.source_of(pid)], pid))
        if not query.intent.commencement:
            return Ranking(found)
        articles = [pid for source in rank for pid in corpus.ids_of(source) if corpus.kind_of(pid) == "pasal" and query.admits(pid)]
        stating = [passage.id for passage in corpus.passages(articles) if COMMENCEMENT.search(passage.text)]
        return Ranking(stating + found, pinned=stating)
