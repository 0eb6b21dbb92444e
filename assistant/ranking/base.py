"""What every intent ranker shares: the retrieval settings, the analysed question, the ranker's shape."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from ingest.model import Passage

from ..corpus import Corpus
from ..query import QueryIntent


@dataclass(frozen=True)
class RetrievalConfig:
    """Weights, pool sizes and priors of retrieval; evaluations/ablation.py varies them one at a time."""

    candidates: int = 50  # per retriever before fusion, and per intent ranking
    # Passages checked with the definition patterns: the term's best BM25 matches plus the hybrid
    # candidates. A bounded pool keeps a term as common as "SPBE" from being checked in every passage
    # that holds it (seconds per question at 1M passages, evaluations/README.md).
    definition_pool: int = 300
    rrf_k: int = 60
    # The hybrid ranking fuses cosine and BM25 by an equal-weight convex combination of their min-max
    # normalised scores, which beat reciprocal rank fusion ("rrf") on the gold set (evaluations/README.md).
    fusion: str = "score"
    dense_share: float = 0.5  # weight of normalised cosine against normalised BM25
    retrievers: tuple[str, ...] = ("dense", "lexical")  # one alone ranks by its own score
    weights: Mapping[str, float] = field(
        default_factory=lambda: {"hybrid": 2.0, "definition": 2.0, "reference": 1.5, "part": 1.5, "duty": 1.5, "relation": 2.0, "enumeration": 1.5, "actor": 1.5, "time_limit": 1.5, "length": 1.5, "frequency": 1.5, "sop_field": 1.5}
    )
    # Questions are about norms and findings; the title block, signatures and Penjelasan rarely answer them.
    kind_prior: Mapping[str, float] = field(default_factory=lambda: {"pembukaan": 0.85, "penutup": 0.85, "penjelasan": 0.95})
    # "Evaluasi SPBE 2024": the report of another year is less likely what is asked (Corpus.out_of_period).
    period_prior: float = 0.9
    # Whose pinned passages go first: a named provision, else the passages defining the asked term, else
    # the Pasal saying when the regulation asked about takes effect.
    pin_order: tuple[str, ...] = ("reference", "definition", "part")


@dataclass(frozen=True)
class Query:
    """A question as the intent rankers see it: analysed once, with the hybrid ranking already made."""

    text: str
    intent: QueryIntent
    allowed: set[str] | None  # ids the filters admit; None admits all
    order: list[str]  # the hybrid ranking, best first
    config: RetrievalConfig

    def admits(self, pid: str) -> bool:
        return self.allowed is None or pid in self.allowed


@dataclass(frozen=True)
class Ranking:
    ids: list[str]
    pinned: list[str] = field(default_factory=list)  # passages that go before every fused one


class IntentRanker(Protocol):
    """One kind of question (a definition, a named regulation, …) and the passages that answer it,
    fused with the hybrid ranking by weighted reciprocal rank under its `name`."""

    name: str

    def applies(self, query: Query) -> bool: ...

    def rank(self, query: Query, corpus: Corpus) -> Ranking: ...


def leading_sources(order: list[str], corpus: Corpus) -> list[str]:
    """Documents of the top hybrid results, best first: where rule rankings look when none is named."""
    return list(dict.fromkeys(corpus.source_of(pid) for pid in order[:10]))


def leading_passages(query: Query, corpus: Corpus) -> list[Passage]:
    """Every admitted passage of the documents retrieval already favours (`leading_sources`)."""
    return [p for source in leading_sources(query.order, corpus) for p in corpus.passages_of(source) if query.admits(p.id)]


def longest_matches(query: Query, matched: Mapping[str, int], minimum: int = 1) -> Ranking:
    """The passages whose match (a count of leading words a rule found) is the longest, by hybrid rank;
    none when the longest is below `minimum`."""
    longest = max(matched.values(), default=0)
    if longest < max(minimum, 1):
        return Ranking([])
    rank = {pid: i for i, pid in enumerate(query.order)}
    found = sorted((pid for pid in matched if matched[pid] == longest), key=lambda pid: rank.get(pid, len(rank)))
    return Ranking(found[: query.config.candidates])
