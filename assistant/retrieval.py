"""Hybrid retrieval: BM25 over stemmed Indonesian tokens + dense e5 vectors, fused by score.

Lexical search finds the exact legal wording ("14 hari kerja", "Badan Publik"); dense search finds
paraphrases ("berapa lama harus dijawab"). Both candidate lists are merged and every candidate gets
both scores; the fused score is an equal-weight convex combination of min-max normalised cosine and
BM25, which beat reciprocal rank fusion on the gold set (hit@5 0.875 vs 0.833, evaluations/README.md).
The intent rankers' lists (assistant/ranking/: definitions, named regulations, duties, …) are then
added by weighted reciprocal rank fusion, since they are rankings without comparable scores.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from ingest.embedders import Embedder
from ingest.index import Index, chroma_where
from ingest.model import Document, Passage

from .anchors import asked_years
from .corpus import Corpus
from .query import QueryIntent, analyze
from .ranking import INTENT_RANKERS, IntentRanker, Query, RetrievalConfig
from .units import fold_units, parents_in_order, with_units

# The top passages the answer's evidence threshold reads (assistant/answer.py); an ask's best passage is placed among them.
ANSWER_PASSAGES = 3


@dataclass(frozen=True)
class Filters:
    jenis: tuple[str, ...] = ()
    tahun: tuple[int, ...] = ()
    source: tuple[str, ...] = ()
    dimension: tuple[str, ...] = ()  # smart-city dimensions / SPBE domains (ingest/tagging.py); any of them

    def __bool__(self) -> bool:
        return bool(self.jenis or self.tahun or self.source or self.dimension)

    def allows(self, document: Document) -> bool:
        return (
            (not self.jenis or document.jenis in self.jenis)
            and (not self.tahun or document.tahun in self.tahun)
            and (not self.source or document.source in self.source)
        )


@dataclass
class Hit:
    passage: Passage
    document: Document
    score: float
    dense: float | None = None  # cosine similarity to the question (None when only a rule ranked it)
    lexical: float | None = None  # BM25 score (None when only a rule ranked it)
    ranks: dict[str, int] = field(default_factory=dict)  # rank in each ranking that holds it: hybrid, definition, …
    notices: list[dict] = field(default_factory=list)  # newer regulations amending/revoking this one (assistant/amendments.py)
    units: list[Passage] = field(default_factory=list)  # the passage's units that matched (table rows), best first


def rrf(rankings: dict[str, list[str]], weights: dict[str, float], k: int) -> dict[str, float]:
    """Weighted reciprocal rank fusion of several ranked id lists."""
    fused: Counter[str] = Counter()
    for name, ids in rankings.items():
        for rank, pid in enumerate(ids, start=1):
            fused[pid] += weights.get(name, 1.0) / (k + rank)
    return dict(fused)


class Retriever:
    """Ranks a corpus's passages for a question: the hybrid ranking, then the intent rankers, fused."""

    def __init__(
        self,
        index: Index,
        embedder: Embedder,
        config: RetrievalConfig = RetrievalConfig(),
        rankers: tuple[IntentRanker, ...] = INTENT_RANKERS,
        corpus: Corpus | None = None,
    ) -> None:
        """`corpus` is the index's corpus when already loaded (evaluations/ablation.py ranks one several ways)."""
        index.check_embedder(embedder)
        # Only a dense ranking needs the vector store: it loads while the corpus does.
        self._vectors_loading = index.load_vectors_in_background(embedder.dim) if "dense" in config.retrievers else None
        self.index = index
        self.embedder = embedder
        self.config = config
        self.rankers = rankers
        self.corpus = corpus if corpus is not None else Corpus(index)

    def _allowed(self, filters: Filters) -> set[str] | None:
        """Ids the filters admit, built from the admitted documents and tags, not by scanning every passage."""
        corpus = self.corpus
        allowed = None
        if filters.jenis or filters.tahun or filters.source:
            allowed = {pid for source, doc in corpus.documents.items() if filters.allows(doc) for pid in corpus.ids_of(source)}
        if filters.dimension:
            tagged = set().union(*(corpus.tagged(tag) for tag in filters.dimension))
            allowed = tagged if allowed is None else allowed & tagged
        return with_units(allowed, corpus.units_of)

    def _hybrid(self, question: str, allowed: set[str] | None, filters: Filters) -> tuple[list[str], dict, dict]:
        """Candidates of both retrievers, each scored by both, ranked by the configured fusion."""
        config, lexical_index = self.config, self.corpus.lexical
        query = self.corpus.expander.expand(question)  # abbreviations both ways, English translated (assistant/expansion.py)
        query_vector = self.embedder.embed_query(question) if "dense" in config.retrievers else None
        dense, lexical = {}, {}
        if query_vector is not None:
            self._vectors_loading.join()
            where = chroma_where(filters.jenis, filters.tahun, filters.source, filters.dimension)
            dense = {pid: score for pid, score in self.index.dense_search(query_vector, config.candidates, where) if pid in self.corpus}
        if "lexical" in config.retrievers:
            lexical = dict(lexical_index.weighted_search(query.weighted(), config.candidates, allowed))
        candidates = list(dict.fromkeys([*dense, *lexical]))
        if not candidates:
            return [], {}, {}
        if config.fusion == "rrf":
            fused = rrf({"dense": list(dense), "lexical": list(lexical)}, {}, config.rrf_k)
            return sorted(fused, key=fused.get, reverse=True), dense, lexical
        if len(config.retrievers) == 1:
            return candidates, dense, lexical
        missing = [pid for pid in candidates if pid not in dense]
        dense.update(zip(missing, (self.index.vectors(missing, len(query_vector)) @ query_vector).tolist() if missing else []))
        lexical.update(lexical_index.weighted_scores(query.weighted(), [pid for pid in candidates if pid not in lexical]))
        cosine = _minmax(np.array([dense[pid] for pid in candidates]))
        bm25 = _minmax(np.array([lexical.get(pid, 0.0) for pid in candidates]))
        combined = config.dense_share * cosine + (1 - config.dense_share) * bm25
        order = [candidates[i] for i in np.argsort(-combined, kind="stable")]
        return order, dense, lexical

    def search(self, question: str, k: int = 5, filters: Filters = Filters(), intent: QueryIntent | None = None) -> list[Hit]:
        """`intent` is the question's analysis when the caller already has it (assistant/service.py).

        A question joining several asks ("Berapa lama … dan siapa …?") also has each ask searched alone,
        and the best passage of each is brought among the passages the answer reads (`with_asks`)."""
        intent = intent or analyze(question)
        hits = self._search(question, k, filters, intent)
        if not intent.asks:
            return hits
        return with_asks(hits, [self._search(ask.search, 1, filters, ask.search_intent)[:1] for ask in intent.asks], k)

    def _search(self, question: str, k: int, filters: Filters, intent: QueryIntent) -> list[Hit]:
        config, corpus = self.config, self.corpus
        allowed = self._allowed(filters)
        folded = fold_units(corpus.parent_of, *self._hybrid(question, allowed, filters))  # units found, their parents ranked
        dense, lexical = folded.dense, folded.lexical
        query = Query(question, intent, allowed, folded.order, config)
        rankings = {"hybrid": folded.order}
        pinned: dict[str, list[str]] = {}
        for ranker in self.rankers:
            if ranker.applies(query):
                ranking = ranker.rank(query, corpus)
                rankings[ranker.name] = parents_in_order(corpus.parent_of, ranking.ids)
                pinned[ranker.name] = parents_in_order(corpus.parent_of, ranking.pinned)
        prior = {kind: weight for kind, weight in config.kind_prior.items() if kind != intent.part}
        other_period = corpus.out_of_period(asked_years(intent.topic))
        fused = {
            pid: score * prior.get(corpus.kind_of(pid), 1.0) * (config.period_prior if corpus.source_of(pid) in other_period else 1.0)
            for pid, score in rrf(rankings, config.weights, config.rrf_k).items()
        }
        ranked = sorted(fused, key=fused.get, reverse=True)
        first = next((pinned[name] for name in config.pin_order if pinned.get(name)), [])
        best = (first + [pid for pid in ranked if pid not in first])[:k]
        return [
            Hit(
                passage=passage,
                document=corpus.documents[passage.source],
                score=fused.get(passage.id, 0.0),
                dense=dense.get(passage.id),
                lexical=lexical.get(passage.id),
                ranks={name: ids.index(passage.id) + 1 for name, ids in rankings.items() if passage.id in ids},
                notices=corpus.notices(passage),
                units=corpus.passages(folded.marked.get(passage.id, [])),
            )
            for passage in corpus.passages(best)
        ]


def with_asks(hits: list[Hit], ask_bests: list[list[Hit]], k: int) -> list[Hit]:
    """The whole question's ranking with each ask's best passage among the first ANSWER_PASSAGES, right after
    the whole question's first: evidence for the second ask seldom ranks high for the question as a whole."""
    ranked = list(hits)
    place = 1
    for number, best in enumerate(ask_bests, start=1):
        if not best:
            continue
        position = next((i for i, hit in enumerate(ranked) if hit.passage.id == best[0].passage.id), None)
        if position is not None and position < ANSWER_PASSAGES:
            continue
        hit = ranked.pop(position) if position is not None else best[0]
        hit.ranks["ask"] = number
        ranked.insert(min(place, len(ranked)), hit)
        place += 1
    return ranked[:k]


def _minmax(values: np.ndarray) -> np.ndarray:
    spread = values.max() - values.min()
    return (values - values.min()) / spread if spread > 0 else np.ones_like(values)
