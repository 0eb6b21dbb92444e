"""'Apa yang dimaksud dengan X?': the passages defining X, Ketentuan Umum first."""

from __future__ import annotations

from ingest.glossary import matching
from ingest.lexical import tokenize

from ..corpus import Corpus
from ingest.legaltext import defines
from .base import Query, Ranking


class DefinitionRanker:
    name = "definition"

    def applies(self, query: Query) -> bool:
        return bool(query.intent.defined_terms)

    def rank(self, query: Query, corpus: Corpus) -> Ranking:
        glossary = glossary_passages(query, corpus)
        rest = _defining_passages(query, corpus)
        # "Apakah X termasuk Y?" is answered by Y's definition or by Y's list: neither goes first by rule.
        pinned = [] if query.intent.list_subject else glossary
        return Ranking((glossary + [pid for pid in rest if pid not in glossary])[: query.config.candidates], pinned=pinned)


def glossary_passages(query: Query, corpus: Corpus) -> list[str]:
    """Ketentuan Umum passages defining the asked term: the named document's first, then by hybrid rank."""
    named = corpus.named_sources(query.intent)
    order = {pid: i for i, pid in enumerate(query.order)}
    found = [
        d.passage_id
        for term in query.intent.defined_terms
        for d in matching(corpus.definitions, term)
        if d.passage_id in corpus and query.admits(d.passage_id)
    ]
    found = list(dict.fromkeys(found))
    return sorted(found, key=lambda pid: (corpus.source_of(pid) not in named, order.get(pid, len(order))))


def _defining_passages(query: Query, corpus: Corpus) -> list[str]:
    """Passages that define an asked term, Ketentuan Umum before Penjelasan, then by hybrid rank."""
    terms = query.intent.defined_terms
    order = {pid: i for i, pid in enumerate(query.order)}
    pool = [pid for term in terms for pid, _ in corpus.lexical.search(tokenize(term), query.config.definition_pool, query.allowed)]
    checked = sorted(pid for pid in {*pool, *query.order} if pid in corpus and query.admits(pid))  # ids sort by document and position: a stable order for ties
    found = [p.id for p in corpus.passages(checked) if any(defines(p.text, term) for term in terms)]
    return sorted(found, key=lambda pid: (corpus.kind_of(pid) != "pasal", order.get(pid, len(order))))
