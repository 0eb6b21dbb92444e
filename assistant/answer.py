"""Extractive answers, grounded by construction: every sentence shown is copied from a cited passage.

The answer quotes the units (ayat, list items, sentences) of the top passages that cover the
question's terms best, each followed by the `[n]` of its passage. When the evidence is too weak
(calibrated on the gold set's unanswerable questions, see evaluations/README.md) it says so and
lists the closest passages instead of guessing.
"""

from __future__ import annotations

import re

from ingest.citations import DocumentRef, cites
from ingest.glossary import Definition
from ingest.legaltext import names_relation
from ingest.messages import t
from ingest.model import Document, Location

from .amendments import render
from .anchors import ANCHOR_KINDS, anchors_of, answers_kind, asked_actor, asked_levels, named_units, other_actor, other_level
from .answer_model import Answer
from .lookup import ayat_text, full_pasal_text
from .presentation import citation_label, place_label
from .corpus import Corpus
from .expansion import is_english
from .query import QueryIntent, analyze
from .quotes import QUOTE_PASSAGES, Quote, absent_anchors, anchored_numbers, choose, coverage, quote_location, units, with_answer_to, with_continuations
from .retrieval import ANSWER_PASSAGES, Hit
from .units import quoted_tables

# Evidence thresholds (calibrated with `asisten eval` on evaluations/gold.jsonl).
MIN_COVERAGE = 0.5  # idf-weighted share of the question's terms found in the best passage
MIN_DENSE = 0.88  # cosine similarity that makes a partly covered passage still count
# An English question over Indonesian passages scores lower cosines for the same evidence: on the `tune`
# half the median top cosine of answerable questions is 0.909 in Indonesian and 0.847 in English
# (evaluations/cross_lingual.py).
CROSS_LINGUAL_SHIFT = 0.06
STRONG_COVERAGE = 0.9  # coverage that counts on its own
ASK_QUOTES = 1  # quotes of each ask of a question joining several
# A citation that gives the cited regulation's title: "Peraturan Presiden Nomor 39 Tahun 2019 tentang Satu Data".
_TITLED = re.compile(r"\bnomor\s+\w+\s+tahun\s+\d{4}\s+tentang\b", re.IGNORECASE)
MAX_CITING = 2  # sentences of other documents quoted for a regulation the index lacks
_TEXT_REQUEST = re.compile(r"\b(isi|bunyi|teks|naskah|text of)\b", re.IGNORECASE)
# "Hitung selisih ...", "Bandingkan target dan realisasi ...": the figures are quoted, the sum is the reader's.
_ARITHMETIC_QUESTION = re.compile(
    r"\b(hitung\w*|selisih\w*|bandingkan|perbandingan|jumlahkan|total\w*|kenaikan|penurunan|calculate|difference|compare|sum)\b",
    re.IGNORECASE,
)
# "katanya ... 2,0, benar?", "apakah benar ...": a figure the question asserts, to be checked against the quotes.
_PREMISE_QUESTION = re.compile(r"\b(katanya|benarkah|apakah benar|benar\s*\?|betul\s*\?|is it true|right\s*\?)", re.IGNORECASE)
_FIGURE = re.compile(r"(?<![\w.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\w])|(?<![\w.,])\d+(?:,\d+)?(?![\w])")


def asks_for_text(question: str, intent: QueryIntent) -> bool:
    """'Apa bunyi/isi Pasal 10 ...' wants the provision itself; only that document can answer it."""
    return bool(intent.pasal or _TEXT_REQUEST.search(question))


def _exact_match(intent: QueryIntent, hits: list[Hit]) -> bool:
    """A passage defining the asked term, or the very Pasal the question names, is evidence enough."""
    return any(
        "definition" in hit.ranks or (intent.pasal and hit.passage.pasal == intent.pasal and "reference" in hit.ranks)
        for hit in hits
    )


def is_confident(best_coverage: float, top_dense: float | None, cross_lingual: bool = False) -> bool:
    dense = top_dense or 0.0
    min_dense = MIN_DENSE - (CROSS_LINGUAL_SHIFT if cross_lingual else 0.0)
    return best_coverage >= STRONG_COVERAGE or (best_coverage >= MIN_COVERAGE and dense >= min_dense)


def compose(question: str, hits: list[Hit], corpus: Corpus, language: str = "id", intent: QueryIntent | None = None) -> Answer:
    """The answer, preceded by a warning for each quoted document that a newer regulation amends or revokes.

    `intent` is the question's analysis when the caller already has it (assistant/service.py).
    """
    intent = intent or analyze(question)
    answer = _compose(question, intent, hits, corpus, language)
    named = [render(notice, corpus.name_of(ref), language) for ref in intent.documents for notice in corpus.status_of(ref)]
    quoted = [render(notice, answer.hits[n - 1].document.short_name, language) for n in answer.quoted for notice in answer.hits[n - 1].notices]
    warnings = list(dict.fromkeys(named + (quoted if answer.found else [])))
    if warnings:
        answer.text = "\n".join(f"⚠ {warning}" for warning in warnings) + "\n\n" + answer.text
    return answer


def _compose(question: str, intent: QueryIntent, hits: list[Hit], corpus: Corpus, language: str) -> Answer:
    top = hits[:ANSWER_PASSAGES]
    best_coverage = _coverage(intent, top, corpus)
    unindexed = corpus.unindexed(intent)
    missing = [ref.label() for ref in unindexed]
    lacking = [_lacking_line(item, language) for item in corpus.lacking_provisions(intent)]
    if intent.about_document:
        return _about(question, intent, hits, corpus, language, unindexed, best_coverage)
    if (missing or lacking) and asks_for_text(question, intent):
        return Answer(question, _not_found_text(hits, language, missing, lacking), False, hits, best_coverage)
    if hits and intent.pasal and not missing and hits[0].passage.id in corpus.provision(intent):
        return Answer(question, _provision_text(intent, hits[0], corpus, language), True, hits, best_coverage, [1])
    definitions = corpus.definitions_of(intent)
    if definitions and hits and "definition" in hits[0].ranks and not intent.asks:
        text = _definition_text(intent, definitions, hits, corpus.documents, language)
        return Answer(question, text, True, hits, best_coverage, [1])
    # "Berapa … dan siapa …?": the question, then each of its asks, is answered where the top passages
    # hold evidence for it (anchored and quoted for itself); the answer holds the quotes of those answered.
    parts = [(question, intent), *((ask.text, ask.intent) for ask in intent.asks)]
    shares = [best_coverage, *(_coverage(ask.intent, top, corpus) for ask in intent.asks)]
    confident = [part for part, share in zip(parts, shares) if _exact_match(part[1], top) or _evident(share, part[1], top)]
    if not hits or not confident:  # say why: the nearest passages share too little of the question
        return Answer(question, _not_found_text(hits, language, weak=best_coverage if hits else None), False, hits, best_coverage)

    extended, continues = with_continuations(hits, corpus)
    numbers = list(dict.fromkeys([*range(1, min(len(hits), QUOTE_PASSAGES) + 1), *continues]))
    arithmetic = bool(_ARITHMETIC_QUESTION.search(question))
    chosen: list[Quote] = []
    refusal: list[str] | None = None
    unanswered = [ask for ask, asked in parts[1:] if (ask, asked) not in confident]
    for ask, asked in confident:
        quotes, absent = _ask_quotes(ask, asked, extended, numbers, continues, corpus, unindexed, arithmetic, language)
        if absent is None:
            chosen = with_answer_to(chosen, quotes, ASK_QUOTES if asked is not intent else len(quotes))
            continue
        refusal = absent if refusal is None else refusal  # the first reason is the one shown
        if asked is not intent:
            unanswered.append(ask)
    if not chosen:
        return Answer(question, _not_found_text(hits, language, missing, absent=refusal or []), False, hits, best_coverage)
    lines = [t("not_indexed", language, names=", ".join(missing)) + " " + t("other_documents", language)] if missing else []
    lines.append(t("answer_intro", language))
    for quote in chosen:
        if quote.joins:  # one sentence cut by the chunker: one bullet, each half cited to its own passage
            lines[-1] += f" “{quote.unit}” [{quote.number}]"
            continue
        hit = extended[quote.number - 1]
        where = place_label(quote_location(hit.passage, quote.unit), language)
        lead = f"{hit.document.short_name}, {where}: " if where else f"{hit.document.short_name}: "
        lines.append(f"- {lead}“{quote.unit}” [{quote.number}]")
    lines += [t("ask_not_found", language, ask=ask) for ask in unanswered]  # the asks the quotes leave open
    if arithmetic:
        lines.append(t("arithmetic_left", language))
    unmatched = premise_mismatch(question, [quote.unit for quote in chosen])
    if unmatched:
        lines.append(t("premise_mismatch", language, figures=", ".join(unmatched)))
    quoted = sorted({quote.number for quote in chosen})
    lines += ["", t("sources", language)] + [f"[{n}] {citation_label(extended[n - 1], language)}" for n in quoted]
    tables = quoted_tables([(quote.number, quote.row) for quote in chosen if quote.row])
    return Answer(question, "\n".join(lines), True, extended, best_coverage, quoted, tables=tables)


def _coverage(intent: QueryIntent, top: list[Hit], corpus: Corpus) -> float:
    """The best share of the question's terms (the regulation it names left out) found in one of the top passages."""
    query = corpus.expander.expand(intent.topic)  # "menurut Permenpan RB 59/2020" is where to look, not what to find
    return max((coverage(query, hit.passage.search_text, corpus) for hit in top), default=0.0)


def _evident(share: float, intent: QueryIntent, top: list[Hit]) -> bool:
    """Whether the top passages, holding `share` of the question's terms (`_coverage`), are evidence enough
    to answer (the calibrated threshold of `is_confident`)."""
    top_dense = max((hit.dense or 0.0 for hit in top), default=0.0)
    return is_confident(share, top_dense, is_english(intent.topic))


def _ask_quotes(
    ask: str, intent: QueryIntent, hits: list[Hit], numbers: list[int], continues: dict[int, int], corpus: Corpus,
    unindexed: list[DocumentRef], arithmetic: bool, language: str,
) -> tuple[list[Quote], list[str] | None]:
    """The quotes answering one ask, or the reasons none does: the passages that state the ask's anchors
    (year, region, kind of fact, act), quoted where they answer it."""
    anchors = anchors_of(intent.topic)
    anchored = anchored_numbers(anchors, hits, numbers, corpus) if anchors else numbers
    if unindexed:  # a regulation the index lacks is quoted only where another document cites it
        anchored = [n for n in anchored if cites(f"{hits[n - 1].document.title}\n{hits[n - 1].passage.search_text}", unindexed)]
        if not anchored:
            return [], []
    if not anchored:  # passages that share the topic but not the asked year, region or kind of fact
        return [], [_anchor_label(a, language) for a in absent_anchors(anchors, hits, numbers, corpus)]
    query = corpus.expander.expand(intent.topic)
    subject = intent.duty_subject or intent.list_subject or next(iter(intent.sop_fields), None)
    chosen = choose(ask, query, hits, anchored, continues, corpus, anchors, arithmetic, subject, intent.duty_noun)
    quoted = [(quote.unit, hits[quote.number - 1].passage) for quote in chosen]
    if anchors.kind and not any(
        answers_kind(anchors, unit, set(query.tokens), query.present, passage.search_text, passage.header) for unit, passage in quoted
    ):
        # The passage states a figure somewhere, but not in what answers the question: no answer.
        return [], [_anchor_label(anchors.kind, language)]
    if chosen and (levels := asked_levels(intent.topic)) and all(other_level(levels, quote.unit) for quote in chosen):
        # Every quote states the fact of the asked body at another level of government: a sibling body's fact.
        return [], ["/".join(sorted(levels.wanted("")))]
    if chosen and (actor := asked_actor(intent.topic)) and other_actor(actor, [quote.unit for quote in chosen], query.present):
        # Every quote that binds someone binds another actor: the deadline or duty of a neighbour.
        return [], [t("anchor_actor", language)]
    if chosen and (unnamed := _unnamed_units(intent.topic, chosen, hits, corpus)):
        # The quoted documents never name the unit asked about: what they say is of its siblings.
        return [], unnamed
    if intent.duty_noun and not any(names_relation(intent.duty_noun, quote.unit) for quote in chosen):
        # "Apa tugas X?" answered by quotes that never name a duty: they share the subject, not the answer.
        return [], [intent.duty_noun]
    return chosen, None


def _unnamed_units(topic: str, chosen: list[Quote], hits: list[Hit], corpus: Corpus) -> list[str]:
    """The units the question names (`named_units`) that no document of the quotes names."""
    sources = {hits[quote.number - 1].passage.source for quote in chosen}
    return [asked for asked, pattern in named_units(topic) if not any(corpus.mentions(source, pattern) for source in sources)]


def _anchor_label(anchor: str, language: str) -> str:
    """A year or region as asked; a kind of fact ("money", "person", ...) in words."""
    return t(f"anchor_{anchor}", language) if anchor in ANCHOR_KINDS else anchor


def figure_value(text: str) -> float:
    """An Indonesian-written figure as a number: '1.234.567,50' -> 1234567.5, '2,0' -> 2.0."""
    return float(text.replace(".", "").replace(",", "."))


def premise_mismatch(question: str, quoted: list[str]) -> list[str]:
    """The figures a premise question asserts ("katanya target ... hanya 2,0, benar?") that none of the
    quoted units states; years are where to look, not what is asserted, so they are not checked."""
    if not _PREMISE_QUESTION.search(question):
        return []
    stated = {figure_value(f) for unit in quoted for f in _FIGURE.findall(unit)}
    asserted = [f for f in _FIGURE.findall(question) if not re.fullmatch(r"(19|20)\d{2}", f)]
    return [f for f in dict.fromkeys(asserted) if figure_value(f) not in stated]


def _about(
    question: str, intent: QueryIntent, hits: list[Hit], corpus: Corpus, language: str, unindexed: list[DocumentRef], best_coverage: float
) -> Answer:
    """What a named regulation is about: an indexed one by its title, cited to its title page (the
    pembukaan, else its first retrieved part); one the index lacks by the sentences of other documents
    that cite it with its title ("... Nomor 39 Tahun 2019 tentang Satu Data Indonesia")."""
    number: dict[str, int] = {}  # each document's citation: its title page when retrieved, else its first hit
    for n, hit in enumerate(hits, start=1):
        first = number.get(hit.passage.source)
        if first is None or (hit.passage.kind == "pembukaan" and hits[first - 1].passage.kind != "pembukaan"):
            number[hit.passage.source] = n
    named = sorted(corpus.named_sources(intent) & set(number), key=number.get)
    lines = []
    for source in named:
        document = corpus.documents[source]
        said = t("about_document", language, name=document.short_name, tentang=document.tentang) if document.tentang else document.title
        lines.append(f"- {said} [{number[source]}]")
    citing = [
        (n, unit) for n, hit in enumerate(hits, start=1) for unit in units(hit.passage.text)
        if _TITLED.search(unit) and cites(unit, unindexed)
    ][:MAX_CITING]
    if citing:
        lines += [t("not_indexed", language, names=", ".join(ref.label() for ref in unindexed)) + " " + t("other_documents", language)]
        lines += [f"- {hits[n - 1].document.short_name}, {place_label(quote_location(hits[n - 1].passage, unit), language)}: “{unit}” [{n}]" for n, unit in citing]
    if not lines:
        return Answer(question, _not_found_text(hits, language, [ref.label() for ref in unindexed]), False, hits, best_coverage)
    quoted = sorted({number[source] for source in named} | {n for n, _ in citing})
    lines = [t("answer_intro", language), *lines, "", t("sources", language)] + [f"[{n}] {citation_label(hits[n - 1], language)}" for n in quoted]
    return Answer(question, "\n".join(lines), True, hits, best_coverage, quoted)


def _provision_text(intent: QueryIntent, hit: Hit, corpus: Corpus, language: str) -> str:
    """The named Pasal in full (the asked ayat first), cited as [1]."""
    passage = hit.passage
    whole = corpus.pasal_passages(passage)
    lines = []
    if intent.ayat:
        own = ayat_text(passage.text, intent.ayat) or passage.text
        lines += [t("provision_ayat", language, ayat=intent.ayat, where=place_label(passage.location().whole_pasal(), language), name=hit.document.short_name), f"“{own}” [1]", ""]
    where = place_label(Location(passage.pasal, penjelasan=passage.kind == "penjelasan"), language)
    lines += [t("provision_full", language, where=where, name=hit.document.short_name), full_pasal_text(whole)]
    lines += ["", t("sources", language), f"[1] {citation_label(hit, language)}"]
    return "\n".join(lines)


def _definition_text(
    intent: QueryIntent, definitions: list[Definition], hits: list[Hit], documents: dict[str, Document], language: str
) -> str:
    """Each document's definition of the term (of both, for a comparison), in ranking order, cited [n] when among the hits."""
    number = {hit.passage.id: n for n, hit in enumerate(hits, start=1)}
    definitions = sorted(definitions, key=lambda d: number.get(d.passage_id or "", len(hits) + 1))
    count = len({d.source for d in definitions})
    terms = f" {t('and', language)} ".join(f"“{term}”" for term in intent.defined_terms)
    lines = [t("definition_intro", language, terms=terms, count=count)]
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


def _not_found_text(
    hits: list[Hit], language: str, missing: list[str] = (), lacking: list[str] = (), absent: list[str] = (), weak: float | None = None,
) -> str:
    lines = [t("answer_not_found", language)]
    if weak is not None:
        lines.append(t("weak_evidence", language, share=round(weak * 100)))
    if absent:
        lines.append(t("anchors_absent", language, what=", ".join(absent)))
    if missing:
        lines.append(t("not_indexed", language, names=", ".join(missing)))
    lines += lacking
    if hits:
        lines += ["", t("closest", language)]
        lines += [f"[{n}] {citation_label(hit, language)}" for n, hit in enumerate(hits[:3], start=1)]
    return "\n".join(lines)


def reference_lines(answer: Answer, corpus: Corpus, language: str = "id") -> list[str]:
    """The provisions the quoted passages cite, with the referenced text: shown on request."""
    lines = []
    for n in answer.quoted:
        for ref in corpus.references(answer.hits[n - 1].passage):
            target = ref["resolved"]
            head = f"[{n}] {ref['text']}" + (f" {ref['document']}" if ref["document"] else "")
            if target:
                lines.append(f"{head} → {target['document']}, {place_label(Location.from_dict(target['place']), language)}: “{target['text']}”")
            else:
                lines.append(f"{head} → {t('reference_unresolved', language)}")
    return ["", t("references_heading", language), *lines] if lines else []
