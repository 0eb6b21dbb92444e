"""Extractive answers, grounded by construction: every sentence shown is copied from a cited passage.

The answer quotes the units (ayat, list items, sentences) of the top passages that cover the
question's terms best, each followed by the `[n]` of its passage. When the evidence is too weak
(calibrated on the gold set's unanswerable questions, see evaluations/README.md) it says so and
lists the closest passages instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.lexical import tokenize

from .messages import t
from .query import QueryIntent, analyze
from .retrieval import Hit, Retriever

# Evidence thresholds (calibrated with `asisten eval` on evaluations/gold.jsonl).
MIN_COVERAGE = 0.5  # idf-weighted share of the question's terms found in the best passage
MIN_DENSE = 0.88  # cosine similarity that makes a partly covered passage still count
STRONG_COVERAGE = 0.9  # coverage that counts on its own
ANSWER_PASSAGES = 3  # units are drawn from this many top passages
MAX_UNITS = 3
_TEXT_REQUEST = re.compile(r"\b(isi|bunyi|teks|naskah|text of)\b", re.IGNORECASE)
_UNIT_SPLIT = re.compile(r"\n+|(?<=[.;])\s+(?=[A-Z(])")


@dataclass
class Answer:
    question: str
    text: str
    found: bool
    hits: list[Hit]
    confidence: float = 0.0
    quoted: list[int] = field(default_factory=list)  # citation numbers used in the text


def citation_label(hit: Hit, language: str = "id") -> str:
    """'UU No. 14 Tahun 2008 tentang ..., Pasal 5 ayat (2), hlm. 4' — what a user would cite."""
    document, passage = hit.document, hit.passage
    name = document.short_name
    if document.tentang and document.is_regulation:
        name += f" tentang {document.tentang}"
    parts = [name, passage.location()]
    pages = passage.pages_label()
    if pages:
        parts.append(pages if language == "id" else pages.replace("hlm.", "p."))
    return ", ".join(part for part in parts if part)


def coverage(question_tokens: list[str], text: str, retriever: Retriever) -> float:
    """Share of the question's (idf-weighted) terms that occur in the text."""
    terms = set(question_tokens)
    if not terms:
        return 0.0
    present = set(tokenize(text))
    total = sum(retriever.idf(term) for term in terms)
    return sum(retriever.idf(term) for term in terms & present) / total


def _units(text: str) -> list[str]:
    return [u.strip() for u in _UNIT_SPLIT.split(text) if len(u.strip()) > 15]


def asks_for_text(question: str) -> bool:
    """'Apa bunyi/isi Pasal 10 ...' wants the provision itself; only that document can answer it."""
    return bool(analyze(question).pasal or _TEXT_REQUEST.search(question))


def _exact_match(intent: QueryIntent, hits: list[Hit]) -> bool:
    """A passage defining the asked term, or the very Pasal the question names, is evidence enough."""
    return any(
        "definition" in hit.ranks or (intent.pasal and hit.passage.pasal == intent.pasal and "reference" in hit.ranks)
        for hit in hits
    )


def is_confident(best_coverage: float, top_dense: float | None) -> bool:
    dense = top_dense or 0.0
    return best_coverage >= STRONG_COVERAGE or (best_coverage >= MIN_COVERAGE and dense >= MIN_DENSE)


def compose(question: str, hits: list[Hit], retriever: Retriever, language: str = "id") -> Answer:
    intent = analyze(question)
    tokens = tokenize(intent.topic)  # "menurut Permenpan RB 59/2020" is where to look, not what to find
    top = hits[:ANSWER_PASSAGES]
    best_coverage = max((coverage(tokens, hit.passage.search_text, retriever) for hit in top), default=0.0)
    top_dense = max((hit.dense or 0.0 for hit in top), default=0.0)
    missing = retriever.missing_references(question)
    if missing and asks_for_text(question):
        return Answer(question, _not_found_text(hits, language, missing), False, hits, best_coverage)
    if not hits or not (_exact_match(intent, top) or is_confident(best_coverage, top_dense)):
        return Answer(question, _not_found_text(hits, language), False, hits, best_coverage)

    scored = []
    for n, hit in enumerate(hits[:ANSWER_PASSAGES], start=1):
        for order, unit in enumerate(_units(hit.passage.text)):
            score = coverage(tokens, unit, retriever) + 0.1 * coverage(tokens, hit.passage.header, retriever)
            scored.append((score - 0.05 * (n - 1), n, order, unit))
    scored.sort(key=lambda item: -item[0])
    best = scored[0][0] if scored else 0.0
    chosen = sorted([item for item in scored if item[0] >= 0.6 * best][:MAX_UNITS], key=lambda item: (item[1], item[2]))
    lines = [t("not_indexed", language, names=", ".join(missing)) + " " + t("other_documents", language)] if missing else []
    lines.append(t("answer_intro", language))
    for _, n, _, unit in chosen:
        hit = hits[n - 1]
        where = hit.passage.location()
        lead = f"{hit.document.short_name}, {where}: " if where else f"{hit.document.short_name}: "
        lines.append(f"- {lead}“{unit}” [{n}]")
    quoted = sorted({n for _, n, _, _ in chosen})
    lines += ["", t("sources", language)] + [f"[{n}] {citation_label(hits[n - 1], language)}" for n in quoted]
    return Answer(question, "\n".join(lines), True, hits, best_coverage, quoted)


def _not_found_text(hits: list[Hit], language: str, missing: list[str] = ()) -> str:
    lines = [t("not_found", language)]
    if missing:
        lines.append(t("not_indexed", language, names=", ".join(missing)))
    if hits:
        lines += ["", t("closest", language)]
        lines += [f"[{n}] {citation_label(hit, language)}" for n, hit in enumerate(hits[:3], start=1)]
    return "\n".join(lines)
