"""Extractive answers, grounded by construction: every sentence shown is copied from a cited passage.

The answer quotes the units (ayat, list items, sentences) of the top passages that cover the
question's terms best, each followed by the `[n]` of its passage. When the evidence is too weak
(calibrated on the gold set's unanswerable questions, see evaluations/README.md) it says so and
lists the closest passages instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ingest.glossary import Definition
from ingest.lexical import tokenize
from ingest.model import Document

from .amendments import render
from .lookup import ayat_text, full_pasal_text
from .messages import t
from .query import QueryIntent, analyze
from .retrieval import Hit, Retriever
from .units import MARKED_BONUS, RowRead, is_marked, quotable_units, quoted_tables

if TYPE_CHECKING:
    from .llm import Generation
    from .verify import Verification

# Evidence thresholds (calibrated with `asisten eval` on evaluations/gold.jsonl).
MIN_COVERAGE = 0.5  # idf-weighted share of the question's terms found in the best passage
MIN_DENSE = 0.88  # cosine similarity that makes a partly covered passage still count
STRONG_COVERAGE = 0.9  # coverage that counts on its own
ANSWER_PASSAGES = 3  # units are drawn from this many top passages
MAX_UNITS = 3
_TEXT_REQUEST = re.compile(r"\b(isi|bunyi|teks|naskah|text of)\b", re.IGNORECASE)
_ITEM_START = re.compile(r"^\s*(?:\(\d{1,3}\)|[a-z][.)]\s|\d{1,3}[.)]\s|[-•*]\s|\|)")
_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-Z(])")
_LIST_ITEM = re.compile(r"^(?:[a-z][.)]|\d{1,3}[.)]|[-•*])\s")
# "Berapa lama/banyak ...", "Kapan ..." ask for a quantity or a date: prefer units that state one.
_QUANTITY_QUESTION = re.compile(r"\b(berapa|kapan|tanggal|jangka waktu|paling lambat|how (many|much|long)|when)\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d")
QUANTITY_BONUS = 0.15
MAX_UNIT_CHARS = 700  # a list introduced by "... meliputi:" is quoted with its items up to this length


@dataclass
class Answer:
    question: str
    text: str
    found: bool
    hits: list[Hit]
    confidence: float = 0.0
    quoted: list[int] = field(default_factory=list)  # citation numbers used in the text
    # LLM answers (assistant/generation.py): "llm" only when the text is a verified model answer.
    mode: str = "extractive"
    verification: Verification | None = None
    generation: Generation | None = None  # backend, latency, token counts of the model call
    query: str | None = None  # what was searched when a follow-up question was rewritten
    tables: list[dict] = field(default_factory=list)  # quoted table rows: {"cite", "caption", "columns", "rows"}


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
    if passage.ocr:  # read by Tesseract from a scan: the user should check it against the original
        parts.append(t("ocr_mark", language))
    return ", ".join(part for part in parts if part)


def coverage(question_tokens: list[str], text: str, retriever: Retriever) -> float:
    """Share of the question's (idf-weighted) terms that occur in the text."""
    terms = set(question_tokens)
    if not terms:
        return 0.0
    present = set(tokenize(text))
    total = sum(retriever.idf(term) for term in terms)
    return sum(retriever.idf(term) for term in terms & present) / total


def _blocks(text: str) -> list[str]:
    """Logical lines: an ayat, a list item or a paragraph, with the PDF's hard line wraps undone."""
    blocks: list[list[str]] = []
    for line in text.split("\n"):
        if not line.strip():
            blocks.append([])
        elif not blocks or not blocks[-1] or _ITEM_START.match(line) or blocks[-1][-1].startswith("|"):
            blocks.append([line.strip()])
        else:
            blocks[-1].append(line.strip())
    return [" ".join(block) for block in blocks if block]


def _units(text: str) -> list[str]:
    """Quotable units: sentences of paragraphs, whole ayat and list items; a list's lead-in keeps its items."""
    pieces = [s.strip() for block in _blocks(text) for s in ([block] if block.startswith("|") else _SENTENCE_END.split(block))]
    units = []
    for i, piece in enumerate(pieces):
        if piece.endswith(":"):
            for item in pieces[i + 1 :]:
                if len(piece) + len(item) > MAX_UNIT_CHARS or not _LIST_ITEM.match(item):
                    break
                piece = f"{piece} {item}"
        if len(piece) > 15:
            units.append(piece)
    return units


def asks_for_text(question: str, intent: QueryIntent) -> bool:
    """'Apa bunyi/isi Pasal 10 ...' wants the provision itself; only that document can answer it."""
    return bool(intent.pasal or _TEXT_REQUEST.search(question))


def _exact_match(intent: QueryIntent, hits: list[Hit]) -> bool:
    """A passage defining the asked term, or the very Pasal the question names, is evidence enough."""
    return any(
        "definition" in hit.ranks or (intent.pasal and hit.passage.pasal == intent.pasal and "reference" in hit.ranks)
        for hit in hits
    )


def is_confident(best_coverage: float, top_dense: float | None) -> bool:
    dense = top_dense or 0.0
    return best_coverage >= STRONG_COVERAGE or (best_coverage >= MIN_COVERAGE and dense >= MIN_DENSE)


def compose(question: str, hits: list[Hit], retriever: Retriever, language: str = "id", intent: QueryIntent | None = None) -> Answer:
    """The answer, preceded by a warning for each quoted document that a newer regulation amends or revokes.

    `intent` is the question's analysis when the caller already has it (assistant/service.py).
    """
    intent = intent or analyze(question)
    answer = _compose(question, intent, hits, retriever, language)
    named = [render(notice, _ref_name(ref, retriever), language) for ref in intent.documents for notice in retriever.status_of(ref)]
    quoted = [render(notice, hits[n - 1].document.short_name, language) for n in answer.quoted for notice in hits[n - 1].notices]
    warnings = list(dict.fromkeys(named + (quoted if answer.found else [])))
    if warnings:
        answer.text = "\n".join(f"⚠ {warning}" for warning in warnings) + "\n\n" + answer.text
    return answer


def _ref_name(ref, retriever: Retriever) -> str:
    """An indexed regulation by its indexed name, any other as the question cited it."""
    return next((doc.short_name for doc in retriever.documents.values() if ref.matches(doc)), ref.label())


def _compose(question: str, intent: QueryIntent, hits: list[Hit], retriever: Retriever, language: str) -> Answer:
    tokens = tokenize(intent.topic)  # "menurut Permenpan RB 59/2020" is where to look, not what to find
    top = hits[:ANSWER_PASSAGES]
    best_coverage = max((coverage(tokens, hit.passage.search_text, retriever) for hit in top), default=0.0)
    top_dense = max((hit.dense or 0.0 for hit in top), default=0.0)
    missing = retriever.missing_references(intent)
    lacking = [_lacking_line(item, language) for item in retriever.lacking_provisions(intent)]
    if (missing or lacking) and asks_for_text(question, intent):
        return Answer(question, _not_found_text(hits, language, missing, lacking), False, hits, best_coverage)
    if hits and intent.pasal and not missing and hits[0].passage.id in retriever.provision(intent):
        return Answer(question, _provision_text(intent, hits[0], retriever, language), True, hits, best_coverage, [1])
    definitions = retriever.definitions_of(intent)
    if definitions and hits and "definition" in hits[0].ranks:
        text = _definition_text(intent, definitions, hits, retriever.documents, language)
        return Answer(question, text, True, hits, best_coverage, [1])
    if not hits or not (_exact_match(intent, top) or is_confident(best_coverage, top_dense)):
        return Answer(question, _not_found_text(hits, language), False, hits, best_coverage)

    wants_quantity = bool(_QUANTITY_QUESTION.search(question))
    scored = []
    rows: dict[tuple[int, str], RowRead] = {}
    for n, hit in enumerate(top, start=1):
        for order, (unit, read, row) in enumerate(quotable_units(hit, _units)):
            score = coverage(tokens, read, retriever) + 0.1 * coverage(tokens, hit.passage.header, retriever)
            score += QUANTITY_BONUS if wants_quantity and _NUMBER.search(unit) else 0.0
            score += MARKED_BONUS if is_marked(unit, hit) else 0.0
            scored.append((score - 0.05 * (n - 1), n, order, unit))
            if row:
                rows[n, unit] = row
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
    tables = quoted_tables([(n, rows[n, unit]) for _, n, _, unit in chosen if (n, unit) in rows])
    return Answer(question, "\n".join(lines), True, hits, best_coverage, quoted, tables=tables)


def _provision_text(intent: QueryIntent, hit: Hit, retriever: Retriever, language: str) -> str:
    """The named Pasal in full (the asked ayat first), cited as [1]."""
    passage = hit.passage
    whole = [p for p in retriever.by_source[passage.source] if p.pasal == passage.pasal and p.kind == passage.kind]
    lines = []
    if intent.ayat:
        own = ayat_text(passage.text, intent.ayat) or passage.text
        lines += [t("provision_ayat", language, ayat=intent.ayat, where=passage.location().split(" ayat")[0], name=hit.document.short_name), f"“{own}” [1]", ""]
    where = ("Penjelasan " if passage.kind == "penjelasan" else "") + f"Pasal {passage.pasal}"
    lines += [t("provision_full", language, where=where, name=hit.document.short_name), full_pasal_text(whole)]
    lines += ["", t("sources", language), f"[1] {citation_label(hit, language)}"]
    return "\n".join(lines)


def _definition_text(
    intent: QueryIntent, definitions: list[Definition], hits: list[Hit], documents: dict[str, Document], language: str
) -> str:
    """Each document's definition of the term, in ranking order, cited [n] when among the hits."""
    number = {hit.passage.id: n for n, hit in enumerate(hits, start=1)}
    definitions = sorted(definitions, key=lambda d: number.get(d.passage_id or "", len(hits) + 1))
    count = len({d.source for d in definitions})
    lines = [t("definition_intro", language, term=intent.definition_term, count=count)]
    for d in definitions:
        n = number.get(d.passage_id or "")
        name = documents[d.source].short_name if d.source in documents else d.source
        lines.append(f"- {name}, Pasal {d.pasal} angka {d.angka}: “{d.definition}”" + (f" [{n}]" if n else ""))
    cited = sorted({number[d.passage_id] for d in definitions if d.passage_id in number})
    lines += ["", t("sources", language)] + [f"[{n}] {citation_label(hits[n - 1], language)}" for n in cited]
    return "\n".join(lines)


def _lacking_line(item: tuple, language: str) -> str:
    """Says a Pasal is absent only when the numbering read from the document leaves no room for it:
    a number inside a gap ("1–5, 7") may be a Pasal the parser could not read."""
    document, where, held = item
    if not held or _within_gap(where, held):
        return t("lacks_provision", language, name=document.short_name, where=where)
    return t("lacks_pasal", language, name=document.short_name, where=where, held=_ranges(held))


def _within_gap(where: str, held: list[str]) -> bool:
    asked = where.split("Pasal ")[-1].split()[0]
    numbers = [int(n) for n in held if n.isdigit()]
    return asked.isdigit() and bool(numbers) and min(numbers) < int(asked) < max(numbers)


def _ranges(numbers: list[str]) -> str:
    """'1–5, 7' from Pasal numbers in reading order (non-numeric ones listed as they are)."""
    parts: list[list[str]] = []
    for number in numbers:
        if parts and number.isdigit() and parts[-1][-1].isdigit() and int(number) == int(parts[-1][-1]) + 1:
            parts[-1].append(number)
        else:
            parts.append([number])
    return ", ".join(f"{p[0]}–{p[-1]}" if len(p) > 1 else p[0] for p in parts)


def _not_found_text(hits: list[Hit], language: str, missing: list[str] = (), lacking: list[str] = ()) -> str:
    lines = [t("not_found", language)]
    if missing:
        lines.append(t("not_indexed", language, names=", ".join(missing)))
    lines += lacking
    if hits:
        lines += ["", t("closest", language)]
        lines += [f"[{n}] {citation_label(hit, language)}" for n, hit in enumerate(hits[:3], start=1)]
    return "\n".join(lines)


def reference_lines(answer: Answer, retriever: Retriever, language: str = "id") -> list[str]:
    """The provisions the quoted passages cite, with the referenced text: shown on request."""
    lines = []
    for n in answer.quoted:
        for ref in retriever.references(answer.hits[n - 1].passage):
            target = ref["resolved"]
            head = f"[{n}] {ref['text']}" + (f" {ref['document']}" if ref["document"] else "")
            if target:
                lines.append(f"{head} → {target['document']}, {target['location']}: “{target['text']}”")
            else:
                lines.append(f"{head} → {t('reference_unresolved', language)}")
    return ["", t("references_heading", language), *lines] if lines else []
