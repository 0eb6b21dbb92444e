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

from .query import QueryIntent, analyze, defines

CANDIDATES = 50  # per retriever, before fusion
RRF_K = 60
WEIGHTS = {"dense": 1.0, "lexical": 1.0, "definition": 2.0, "reference": 1.5}
# Questions are about norms and findings; the title block, signatures and Penjelasan rarely answer them.
KIND_PRIOR = {"pembukaan": 0.85, "penutup": 0.85, "penjelasan": 0.95}


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

    def _definition_ranking(self, term: str, allowed: set[str] | None, prior: list[str]) -> list[str]:
        """Passages that define the asked term, Ketentuan Umum before Penjelasan, then by prior rank."""
        order = {pid: i for i, pid in enumerate(prior)}
        found = [
            pid
            for pid, p in self.passages.items()
            if (allowed is None or pid in allowed) and defines(p.text, term)
        ]
        return sorted(found, key=lambda pid: (self.passages[pid].kind != "pasal", order.get(pid, len(order))))

    def _reference_ranking(self, intent: QueryIntent, allowed: set[str] | None, prior: list[str]) -> list[str]:
        """Passages of the regulation the question names, the named Pasal (and ayat) first."""
        sources = {s for s, doc in self.documents.items() if any(ref.matches(doc) for ref in intent.documents)}
        if not sources:
            return []
        candidates = [pid for pid in prior if self.passages[pid].source in sources]
        if intent.pasal:
            exact = [
                pid
                for pid, p in self.passages.items()
                if p.source in sources and p.pasal == intent.pasal and p.kind == "pasal"
            ]
            exact.sort(key=lambda pid: (not _covers_ayat(self.passages[pid].ayat, intent.ayat), pid))
            candidates = exact + [pid for pid in candidates if pid not in exact]
        return [pid for pid in candidates if allowed is None or pid in allowed]

    def missing_references(self, question: str) -> list[str]:
        """Regulations (or their Pasal) the question names that the index does not hold, as cited."""
        intent = analyze(question)
        missing = []
        for ref in intent.documents:
            sources = {s for s, doc in self.documents.items() if ref.matches(doc)}
            if not sources:
                missing.append(ref.label())
            elif intent.pasal and not any(
                p.pasal == intent.pasal for p in self.passages.values() if p.source in sources and p.kind == "pasal"
            ):
                missing.append(f"Pasal {intent.pasal} {ref.label()}")
        return missing

    def search(self, question: str, k: int = 5, filters: Filters = Filters()) -> list[Hit]:
        allowed = self._allowed(filters)
        intent = analyze(question)
        lexical = self.lexical.search(tokenize(question), CANDIDATES, allowed)
        dense = self.index.dense_search(self.embedder.embed_query(question), CANDIDATES, filters.where())
        dense = [(pid, score) for pid, score in dense if pid in self.passages]
        rankings = {"dense": [pid for pid, _ in dense], "lexical": [pid for pid, _ in lexical]}
        prior = rrf(rankings, WEIGHTS)
        prior_order = sorted(prior, key=prior.get, reverse=True)
        if intent.definition_term:
            rankings["definition"] = self._definition_ranking(intent.definition_term, allowed, prior_order)[:CANDIDATES]
        if intent.documents:
            rankings["reference"] = self._reference_ranking(intent, allowed, prior_order)[:CANDIDATES]
        fused = {pid: score * KIND_PRIOR.get(self.passages[pid].kind, 1.0) for pid, score in rrf(rankings, WEIGHTS).items()}
        dense_scores, lexical_scores = dict(dense), dict(lexical)
        best = sorted(fused, key=fused.get, reverse=True)[:k]
        return [
            Hit(
                passage=self.passages[pid],
                document=self.documents[self.passages[pid].source],
                score=fused[pid],
                dense=dense_scores.get(pid),
                lexical=lexical_scores.get(pid),
                ranks={name: ids.index(pid) + 1 for name, ids in rankings.items() if pid in ids},
            )
            for pid in best
        ]


def _covers_ayat(label: str | None, ayat: str | None) -> bool:
    """Whether a passage's ayat label ('2' or '2-4') includes the asked ayat; no ayat asked = any."""
    if ayat is None:
        return True
    if label is None:
        return True  # the whole Pasal
    first, _, last = label.partition("-")
    try:
        return int(first) <= int(ayat) <= int(last or first)
    except ValueError:
        return label == ayat
