"""Hybrid retrieval: BM25 over stemmed Indonesian tokens + dense e5 vectors, fused by weighted RRF.

Lexical search finds the exact legal wording ("14 hari kerja", "Badan Publik"); dense search finds
paraphrases ("berapa lama harus dijawab"). Reciprocal rank fusion needs no score calibration
between the two, which matters because BM25 scores are unbounded and corpus-dependent.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from ingest.embedders import Embedder
from ingest.index import Index
from ingest.lexical import tokenize
from ingest.model import Document, Passage

CANDIDATES = 50  # per retriever, before fusion
RRF_K = 60
DENSE_WEIGHT = 1.0
LEXICAL_WEIGHT = 1.0


@dataclass(frozen=True)
class Filters:
    jenis: tuple[str, ...] = ()
    tahun: tuple[int, ...] = ()
    source: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.jenis or self.tahun or self.source)

    def where(self) -> dict | None:
        clauses = [
            {key: {"$in": list(values)}}
            for key, values in (("jenis", self.jenis), ("tahun", self.tahun), ("source", self.source))
            if values
        ]
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

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
    dense: float | None = None  # cosine similarity, when the dense retriever found it
    lexical: float | None = None  # BM25 score, when the lexical retriever found it
    ranks: dict[str, int] = field(default_factory=dict)


def rrf(rankings: dict[str, list[str]], weights: dict[str, float], k: int = RRF_K) -> dict[str, float]:
    """Weighted reciprocal rank fusion of several ranked id lists."""
    fused: Counter[str] = Counter()
    for name, ids in rankings.items():
        for rank, pid in enumerate(ids, start=1):
            fused[pid] += weights.get(name, 1.0) / (k + rank)
    return dict(fused)


class Retriever:
    """Loads the catalog, lexical index and embedder once; answers many queries."""

    def __init__(self, index: Index, embedder: Embedder) -> None:
        index.check_embedder(embedder)
        self.index = index
        self.embedder = embedder
        self.documents = {doc.source: doc for doc, _, _ in index.catalog.documents()}
        self.passages = {p.id: p for p in index.catalog.passages()}
        self.lexical = index.load_lexical()
        ids, token_lists = index.catalog.ids_and_tokens()
        frequencies = Counter(token for tokens in token_lists for token in set(tokens))
        self._idf = {t: math.log(1 + len(ids) / df) for t, df in frequencies.items()}
        self._max_idf = math.log(1 + max(len(ids), 1))

    def idf(self, token: str) -> float:
        return self._idf.get(token, self._max_idf)

    def _allowed(self, filters: Filters) -> set[str] | None:
        if not filters:
            return None
        return {pid for pid, p in self.passages.items() if filters.allows(self.documents[p.source])}

    def search(self, question: str, k: int = 5, filters: Filters = Filters()) -> list[Hit]:
        tokens = tokenize(question)
        lexical = self.lexical.search(tokens, CANDIDATES, self._allowed(filters))
        dense = self.index.dense_search(self.embedder.embed_query(question), CANDIDATES, filters.where())
        dense = [(pid, score) for pid, score in dense if pid in self.passages]
        fused = rrf(
            {"dense": [pid for pid, _ in dense], "lexical": [pid for pid, _ in lexical]},
            {"dense": DENSE_WEIGHT, "lexical": LEXICAL_WEIGHT},
        )
        dense_scores, lexical_scores = dict(dense), dict(lexical)
        dense_ranks = {pid: r for r, (pid, _) in enumerate(dense, 1)}
        lexical_ranks = {pid: r for r, (pid, _) in enumerate(lexical, 1)}
        best = sorted(fused, key=fused.get, reverse=True)[:k]
        return [
            Hit(
                passage=self.passages[pid],
                document=self.documents[self.passages[pid].source],
                score=fused[pid],
                dense=dense_scores.get(pid),
                lexical=lexical_scores.get(pid),
                ranks={name: r[pid] for name, r in (("dense", dense_ranks), ("lexical", lexical_ranks)) if pid in r},
            )
            for pid in best
        ]
