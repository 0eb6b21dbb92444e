"""Hybrid retrieval: BM25 over stemmed Indonesian tokens + dense e5 vectors, fused by score.

Lexical search finds the exact legal wording ("14 hari kerja", "Badan Publik"); dense search finds
paraphrases ("berapa lama harus dijawab"). Both candidate lists are merged and every candidate gets
both scores; the fused score is an equal-weight convex combination of min-max normalised cosine and
BM25, which beat reciprocal rank fusion on the gold set (hit@5 0.875 vs 0.833, evaluations/README.md).
Definition and named-regulation matches are then added by reciprocal rank fusion, since they are
rankings without comparable scores.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from ingest.citations import DocumentRef
from ingest.embedders import Embedder
from ingest.glossary import Definition, matching
from ingest.index import Index
from ingest.lexical import tokenize
from ingest.model import Document, Passage
from ingest.relations import Relation

from .amendments import notices, status_notices
from .crossrefs import resolve
from .lookup import has_ayat, provision_passages
from .query import QueryIntent, analyze, defines, duty_match
from .units import fold_units, top_level, units_by_parent, with_units

CANDIDATES = 50  # per retriever, before fusion
# Passages checked with the definition patterns: the term's best BM25 matches plus the hybrid
# candidates. A bounded pool keeps a term as common as "SPBE" from being checked in every passage
# that holds it (seconds per question at 1M passages, evaluations/README.md).
DEFINITION_POOL = 300
RRF_K = 60
DENSE_SHARE = 0.5  # weight of normalised cosine against normalised BM25 in the hybrid score
WEIGHTS = {"hybrid": 2.0, "definition": 2.0, "reference": 1.5, "part": 1.5, "duty": 1.5, "relation": 2.0}
# Questions are about norms and findings; the title block, signatures and Penjelasan rarely answer them.
KIND_PRIOR = {"pembukaan": 0.85, "penutup": 0.85, "penjelasan": 0.95}


@dataclass(frozen=True)
class Filters:
    jenis: tuple[str, ...] = ()
    tahun: tuple[int, ...] = ()
    source: tuple[str, ...] = ()
    dimension: tuple[str, ...] = ()  # smart-city dimensions / SPBE domains (ingest/tagging.py); any of them

    def __bool__(self) -> bool:
        return bool(self.jenis or self.tahun or self.source or self.dimension)

    def where(self) -> dict | None:
        clauses = [
            {key: {"$in": list(values)}}
            for key, values in (("jenis", self.jenis), ("tahun", self.tahun), ("source", self.source))
            if values
        ]
        tags = [{f"tag_{name}": True} for name in self.dimension]
        if tags:
            clauses.append(tags[0] if len(tags) == 1 else {"$or": tags})
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
    dense: float | None = None  # cosine similarity to the question (None when only a rule ranked it)
    lexical: float | None = None  # BM25 score (None when only a rule ranked it)
    ranks: dict[str, int] = field(default_factory=dict)  # rank in each ranking that holds it: hybrid, definition, …
    notices: list[dict] = field(default_factory=list)  # newer regulations amending/revoking this one (assistant/amendments.py)
    units: list[Passage] = field(default_factory=list)  # the passage's units that matched (table rows, sentence groups), best first


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
        self.definitions = [Definition(**record) for record in index.catalog.extracts("definition")]
        self.relations = [Relation(**record) for record in index.catalog.extracts("relation")]
        self.by_source: dict[str, list[Passage]] = {}
        self.by_tag: dict[str, set[str]] = {}
        self.units_of = units_by_parent(self.passages)
        for passage in top_level(list(self.passages.values())):
            self.by_source.setdefault(passage.source, []).append(passage)
            for tag in passage.tags:
                self.by_tag.setdefault(tag, set()).add(passage.id)
        ids, token_lists = index.catalog.ids_and_tokens()
        frequencies = Counter(token for tokens in token_lists for token in set(tokens))
        self._idf = {t: math.log(1 + len(ids) / df) for t, df in frequencies.items()}
        self._max_idf = math.log(1 + max(len(ids), 1))

    def idf(self, token: str) -> float:
        return self._idf.get(token, self._max_idf)

    def _allowed(self, filters: Filters) -> set[str] | None:
        """Ids the filters admit, built from the admitted documents and tags, not by scanning every passage."""
        allowed = None
        if filters.jenis or filters.tahun or filters.source:
            allowed = {p.id for source, doc in self.documents.items() if filters.allows(doc) for p in self.by_source.get(source, [])}
        if filters.dimension:
            tagged = set().union(*(self.by_tag.get(tag, set()) for tag in filters.dimension))
            allowed = tagged if allowed is None else allowed & tagged
        return with_units(allowed, self.units_of)

    def _definition_ranking(self, term: str, allowed: set[str] | None, prior: list[str]) -> list[str]:
        """Passages that define the asked term, Ketentuan Umum before Penjelasan, then by prior rank."""
        order = {pid: i for i, pid in enumerate(prior)}
        pool = [pid for pid, _ in self.lexical.search(tokenize(term), DEFINITION_POOL, allowed)]
        found = [
            pid
            for pid in sorted({*pool, *prior} & self.passages.keys())  # ids sort by document and position: a stable order for ties
            if (allowed is None or pid in allowed) and defines(self.passages[pid].text, term)
        ]
        return sorted(found, key=lambda pid: (self.passages[pid].kind != "pasal", order.get(pid, len(order))))

    def glossary_passages(self, intent: QueryIntent, allowed: set[str] | None, prior: list[str]) -> list[str]:
        """Ketentuan Umum passages defining the asked term: the named document's first, then by prior rank."""
        named = self._named_sources(intent)
        order = {pid: i for i, pid in enumerate(prior)}
        found = [
            d.passage_id
            for d in matching(self.definitions, intent.definition_term or "")
            if d.passage_id in self.passages and (allowed is None or d.passage_id in allowed)
        ]
        found = list(dict.fromkeys(found))
        return sorted(found, key=lambda pid: (self.passages[pid].source not in named, order.get(pid, len(order))))

    def status_of(self, ref: DocumentRef) -> list[dict]:
        """What amends or revokes a regulation the question names, as the indexed documents state it."""
        return status_notices(ref, self.relations, self.documents)

    def references(self, passage: Passage) -> list[dict]:
        """The provisions a passage cites, resolved to indexed passages (assistant/crossrefs.py)."""
        return resolve(passage, self.by_source, self.documents)

    def definitions_of(self, intent: QueryIntent) -> list[Definition]:
        """Glossary entries for the asked term; only the named documents' when the question names some that define it."""
        found = matching(self.definitions, intent.definition_term or "")
        named = self._named_sources(intent)
        return [d for d in found if d.source in named] or found

    def _named_sources(self, intent: QueryIntent) -> set[str]:
        """Indexed documents that the question names ("UU 14/2008")."""
        return {s for s, doc in self.documents.items() if any(ref.matches(doc) for ref in intent.documents)}

    def _leading_sources(self, order: list[str]) -> list[str]:
        """Documents of the top hybrid results, best first: where rule rankings look when none is named."""
        return list(dict.fromkeys(self.passages[pid].source for pid in order[:10]))

    def provision(self, intent: QueryIntent, allowed: set[str] | None = None) -> list[str]:
        """Ids of the exact Pasal (asked ayat first) the question names, in the documents it names."""
        if not intent.pasal:
            return []
        found = []
        for source in sorted(self._named_sources(intent)):
            found += [p.id for p in provision_passages(self.by_source[source], intent.pasal, intent.ayat, intent.penjelasan)]
        return [pid for pid in found if allowed is None or pid in allowed]

    def _reference_ranking(self, intent: QueryIntent, allowed: set[str] | None, prior: list[str]) -> list[str]:
        """Passages of the regulation the question names, the named Pasal (and ayat) first."""
        sources = self._named_sources(intent)
        if not sources:
            return []
        exact = self.provision(intent, allowed)
        candidates = [pid for pid in prior if self.passages[pid].source in sources and pid not in exact]
        return exact + [pid for pid in candidates if allowed is None or pid in allowed]

    def missing_references(self, intent: QueryIntent) -> list[str]:
        """Regulations the question names that the index does not hold, as cited."""
        return [ref.label() for ref in intent.documents if not any(ref.matches(doc) for doc in self.documents.values())]

    def lacking_provisions(self, intent: QueryIntent) -> list[tuple[Document, str, list[str]]]:
        """(document, provision, the Pasal it does hold) for each named, indexed document lacking the named provision."""
        lacking = []
        if not intent.pasal:
            return lacking
        kind = "penjelasan" if intent.penjelasan else "pasal"
        where = f"{'Penjelasan ' if intent.penjelasan else ''}Pasal {intent.pasal}"
        for source in sorted(self._named_sources(intent)):
            passages = [p for p in self.by_source[source] if p.kind == kind and p.pasal]
            held = [p for p in passages if p.pasal == intent.pasal]
            if not held:
                lacking.append((self.documents[source], where, list(dict.fromkeys(p.pasal for p in passages))))
            elif intent.ayat and not has_ayat(held, intent.ayat):
                lacking.append((self.documents[source], f"{where} ayat ({intent.ayat})", []))
        return lacking

    def _hybrid(self, question: str, allowed: set[str] | None, filters: Filters) -> tuple[list[str], dict, dict]:
        """Candidates of both retrievers, each scored by both, ranked by the convex combination."""
        query_vector = self.embedder.embed_query(question)
        tokens = tokenize(question)
        dense = dict(self.index.dense_search(query_vector, CANDIDATES, filters.where()))
        dense = {pid: score for pid, score in dense.items() if pid in self.passages}
        lexical = dict(self.lexical.search(tokens, CANDIDATES, allowed))
        candidates = list(dict.fromkeys([*dense, *lexical]))
        if not candidates:
            return [], {}, {}
        missing = [pid for pid in candidates if pid not in dense]
        dense.update(zip(missing, (self.index.vectors(missing) @ query_vector).tolist() if missing else []))
        lexical.update(self.lexical.scores(tokens, [pid for pid in candidates if pid not in lexical]))
        cosine = _minmax(np.array([dense[pid] for pid in candidates]))
        bm25 = _minmax(np.array([lexical.get(pid, 0.0) for pid in candidates]))
        combined = DENSE_SHARE * cosine + (1 - DENSE_SHARE) * bm25
        order = [candidates[i] for i in np.argsort(-combined, kind="stable")]
        return order, dense, lexical

    def _part_ranking(self, intent: QueryIntent, allowed: set[str] | None, order: list[str]) -> list[str]:
        """Pembukaan/penutup passages of the documents the question names, or else of the top results."""
        sources = self._named_sources(intent) or self._leading_sources(order)
        rank = {source: i for i, source in enumerate(sources)}
        found = [
            p.id
            for source in rank
            for p in self.by_source.get(source, [])
            if p.kind == intent.part and (allowed is None or p.id in allowed)
        ]
        return sorted(found, key=lambda pid: (rank[self.passages[pid].source], pid))

    def _relation_ranking(self, intent: QueryIntent, allowed: set[str] | None) -> list[str]:
        """Where the indexed documents state that a named regulation amends/revokes, or is amended/revoked."""
        found = []
        for relation in self.relations:
            if not any(ref.same_regulation(relation.newer_ref()) or ref.same_regulation(relation.older_ref()) for ref in intent.documents):
                continue
            found += [
                p.id
                for p in self.by_source.get(relation.stated_in, [])
                if p.location() == relation.location and relation.text[:60] in " ".join(p.text.split())
            ][:1]
        return [pid for pid in dict.fromkeys(found) if allowed is None or pid in allowed]

    def _duty_ranking(self, subject: str, allowed: set[str] | None, order: list[str]) -> list[str]:
        """Passages assigning duties to the asked body, in the documents retrieval already favours.

        The question names the body in full ("Sekretariat Dinas Kepemudaan dan Olahraga Kabupaten
        Blitar") while the regulation writes "Sekretariat mempunyai tugas": the longest leading part of
        the name that some passage assigns duties to is taken.
        """
        pool = [
            p.id
            for source in self._leading_sources(order)
            for p in self.by_source[source]
            if allowed is None or p.id in allowed
        ]
        words = subject.lower().split()
        matched = {pid: duty_match(self.passages[pid].text, words) for pid in pool}
        longest = max(matched.values(), default=0)
        if not longest:
            return []
        rank = {pid: i for i, pid in enumerate(order)}
        return sorted((pid for pid in pool if matched[pid] == longest), key=lambda pid: rank.get(pid, len(rank)))

    def search(self, question: str, k: int = 5, filters: Filters = Filters(), intent: QueryIntent | None = None) -> list[Hit]:
        """`intent` is the question's analysis when the caller already has it (assistant/service.py)."""
        allowed = self._allowed(filters)
        intent = intent or analyze(question)
        order, dense, lexical = self._hybrid(question, allowed, filters)
        rankings = {"hybrid": order}
        glossary: list[str] = []
        if intent.definition_term:
            glossary = self.glossary_passages(intent, allowed, order)
            rest = self._definition_ranking(intent.definition_term, allowed, order)
            rankings["definition"] = (glossary + [pid for pid in rest if pid not in glossary])[:CANDIDATES]
        if intent.documents:
            rankings["reference"] = self._reference_ranking(intent, allowed, order)[:CANDIDATES]
        if intent.duty_subject:
            rankings["duty"] = self._duty_ranking(intent.duty_subject, allowed, order)[:CANDIDATES]
        if intent.part:
            rankings["part"] = self._part_ranking(intent, allowed, order)
        if intent.about_status and intent.documents:
            rankings["relation"] = self._relation_ranking(intent, allowed)
        prior = {kind: weight for kind, weight in KIND_PRIOR.items() if kind != intent.part}
        fused = {pid: score * prior.get(self.passages[pid].kind, 1.0) for pid, score in rrf(rankings, WEIGHTS).items()}
        folded = fold_units(self.passages, fused, dense, lexical, rankings)  # units found, their parents returned
        fused, dense, lexical, rankings = folded.fused, folded.dense, folded.lexical, folded.rankings
        ranked = sorted(fused, key=fused.get, reverse=True)
        exact = self.provision(intent, allowed)[:1] if intent.documents else []
        exact = exact or glossary  # a named provision, else the passages defining the asked term, come first
        best = (exact + [pid for pid in ranked if pid not in exact])[:k]
        return [
            Hit(
                passage=self.passages[pid],
                document=self.documents[self.passages[pid].source],
                score=fused.get(pid, 0.0),
                dense=dense.get(pid),
                lexical=lexical.get(pid),
                ranks={name: ids.index(pid) + 1 for name, ids in rankings.items() if pid in ids},
                notices=notices(self.documents[self.passages[pid].source], self.passages[pid], self.relations, self.documents),
                units=[self.passages[uid] for uid in folded.marked.get(pid, [])],
            )
            for pid in best
        ]


def _minmax(values: np.ndarray) -> np.ndarray:
    spread = values.max() - values.min()
    return (values - values.min()) / spread if spread > 0 else np.ones_like(values)
