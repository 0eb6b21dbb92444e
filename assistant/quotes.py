"""Which units the extractive answer quotes: the ones that answer best across the top passages.

Quoting the first units of the first passage misses evidence that ranks second to fifth, that sits in
a list item, or that continues in the next part of the same Pasal or section (ayat (7) after ayat
(1)–(6), a list or a sentence cut by the chunker). Every unit of the top passages, and of the part that continues
each of them, is scored by the idf-weighted share of the question's terms it holds, its passage's
share, the question's intent (a quantity, a list) and its anchors (assistant/anchors.py); rank only
breaks near-ties. A quote keeps the exact passage and location it was copied from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.legaltext import (
    ANAPHORA,
    ANGKA,
    AYAT_LINE,
    BULLET,
    COMMENCEMENT,
    ENUMERATION,
    HURUF,
    MONTHS,
    is_cross_reference,
    is_list_item,
    is_record,
    leading_label,
    names_relation,
    parse_definition,
    split_sentences,
    without_label,
)
from ingest.lexical import shared_opening, tokenize
from ingest.model import Location, Passage
from ingest.tables import RowRead, split_tables

from .anchors import Anchors, holds_kind, missing, names_act, states_number
from .corpus import Corpus
from .expansion import LexicalQuery
from .retrieval import Hit
from .ranking.enumeration import MIN_SHARED_WORDS
from .units import MARKED_BONUS, is_marked

QUOTE_PASSAGES = 5  # units are drawn from this many top passages and the parts continuing them
MAX_UNITS = 4  # tune half, all_keywords: 3 → 0.74, 4 → 0.78 (gold.jsonl)
ARITHMETIC_UNITS = 5  # "hitung selisih ...": every input figure quoted with its citation
KEEP_SHARE = 0.6  # a unit is quoted when it scores at least this share of the best unit's score
PASSAGE_SHARE = 0.2  # weight of the passage's own coverage: "(2) ... meliputi:" answers what ayat (1) asks
RANK_PENALTY = 0.1  # per rank below the first (tuned on the tune half: 0.05–0.2 tried)
NEIGHBOUR_PENALTY = 0.05  # a continuing part is a little less likely to be on topic than the part it continues
QUANTITY_BONUS = 0.15
LIST_BONUS = 0.15
ANCHOR_BONUS = 0.3
REFERENCE_SHARE = 0.7  # weight of the terms an ayat takes from the ayat it refers to (tune half: 0.3–0.7 tried)
DATE_BONUS = 0.15
SUBJECT_BONUS = 0.3  # a unit opening with what the question asks about: "(1) Bidang Keolahragaan mempunyai tugas ..."
RELATION_BONUS = 0.15  # a unit naming the relation asked of it: "... bertujuan untuk ..." for "Apa tujuan ...?"
MAX_UNIT_CHARS = 700  # a list introduced by "... meliputi:" is quoted with its items up to this length
MAX_LIST_CHARS = 1500  # ... and up to this length when the question asks for the list ("apa saja ...")

_AYAT_REFERENCE = re.compile(r"dimaksud\s+(?:pada|dalam)\s+ayat\s+\((\d{1,3})\)", re.IGNORECASE)
_ITEMS_AFTER_LEAD_IN = re.compile(rf":\s+(?:{HURUF}|{ANGKA}|{BULLET})\s")
# A list written into one sentence: "... diukur melalui 5 tingkatan, yang terdiri dari rintisan, terkelola,
# terdefinisi, terpadu dan terukur, serta optimum."
_INLINE_LIST = re.compile(rf"\b{ENUMERATION}\b(?P<items>.*)", re.IGNORECASE)
_LAST_ITEM = re.compile(r"\b(?:dan|serta|atau)\b", re.IGNORECASE)
# "Berapa lama/banyak ...", "Kapan ..." ask for a quantity or a date: prefer units that state one.
_QUANTITY_QUESTION = re.compile(r"\b(?:se)?berapa\b|\b(?:kapan|tanggal|jangka waktu|paling lambat|how (?:many|much|long)|when)\b", re.IGNORECASE)
_LIST_QUESTION = re.compile(r"\b(?:apa saja|mana saja|siapa saja|terdiri|meliputi|sebutkan|which|what are|list)\b", re.IGNORECASE)
# "Kapan ...", "Sejak kapan ...": a unit that names a month or a year states a date.
_DATE_QUESTION = re.compile(r"\b(?:kapan|tanggal|when|batas waktu)\b", re.IGNORECASE)
_DATE = re.compile(rf"\b(?:{'|'.join(MONTHS)}|19\d\d|20\d\d)\b", re.IGNORECASE)
_CLOSED = re.compile(r"[.;!?”\"')]\s*$")


@dataclass(frozen=True)
class Quote:
    number: int  # 1-based citation number of the passage the unit was copied from
    order: int  # position of the unit in that passage
    unit: str
    score: float
    row: RowRead | None = None  # the table row quoted (with its column headers), for rendering it as a table
    joins: bool = False  # the rest of the sentence the quote before it ends with, copied from the next passage


def quote_location(passage: Passage, unit: str) -> Location:
    """Where a quoted unit sits: a unit that opens with its own ayat label is cited at that ayat, not at the
    ayat (or run of ayat) its passage starts with."""
    place = passage.location()
    label = leading_label(unit)
    if place.pasal and label and label[0] == "ayat":
        return replace(place, ayat=label[1])
    return place


def _blocks(text: str) -> list[str]:
    """Logical lines: an ayat, a list item, a table row or a paragraph, with the PDF's hard line wraps undone
    (a wrapped cross-reference, "... pada ayat\n(1) disampaikan ...", included)."""
    blocks: list[list[str]] = []
    for line in text.split("\n"):
        label = leading_label(line)
        if not line.strip():
            blocks.append([])
        elif (
            not blocks
            or not blocks[-1]
            or (label and not is_cross_reference(blocks[-1][-1], label[0]))
            or line.lstrip().startswith("|")
            or blocks[-1][-1].startswith("|")
        ):
            blocks.append([line.strip()])
        else:
            blocks[-1].append(line.strip())
    return [" ".join(block) for block in blocks if block]


def units(text: str, max_chars: int = MAX_UNIT_CHARS) -> list[str]:
    """Quotable units: sentences of paragraphs, whole ayat and list items; a list's lead-in keeps its items.

    A list item is never split at its own marker ("a. Infrastruktur ..." stays one item), nor a sentence
    from the one it points back to ("... kolaborasi antar IPPD. Hal ini bertujuan agar ..."). A list of
    definitions ends at its first one ("1. Daerah adalah Kabupaten Blitar." in a Ketentuan Umum): each
    definition stays its own unit instead of one run of definitions crowding out the answer.
    """
    pieces = [
        s.strip()
        for block in _blocks(text)
        for s in ([block] if block.startswith("|") or is_list_item(block) or is_record(block) else _sentences(block, max_chars))
    ]
    found = []
    for i, piece in enumerate(pieces):
        if piece.endswith(":"):
            for item in pieces[i + 1 :]:
                if len(piece) + len(item) > max_chars or not is_list_item(item):
                    break
                piece = f"{piece} {item}"
                if item.endswith(".") and parse_definition(without_label(item)):
                    break
        if len(piece) > 15:
            found.append(piece)
    return found


def _sentences(block: str, max_chars: int) -> list[str]:
    """The block's sentences, a sentence that points back ("Hal ini ...") kept with the one it points to."""
    found: list[str] = []
    for sentence in split_sentences(block):
        if found and ANAPHORA.match(sentence) and len(found[-1]) + len(sentence) < max_chars:
            found[-1] = f"{found[-1]} {sentence}"
        else:
            found.append(sentence)
    return found


def coverage(query: LexicalQuery, text: str, corpus: Corpus) -> float:
    """Share of the question's (idf-weighted) terms that occur in the text, or that a form standing
    for them does (an abbreviation spelled out, an English word's translation: assistant/expansion.py)."""
    terms = sorted(set(query.tokens))  # one summing order for both sums: full coverage is exactly 1.0
    if not terms:
        return 0.0
    present = query.present(set(tokenize(text)))
    total = sum(corpus.idf(term) for term in terms)
    return sum(corpus.idf(term) for term in terms if term in present) / total


def _adjacent(passage: Passage, corpus: Corpus, step: int) -> Passage | None:
    """The passage `step` places away in catalog order (the document's reading order), or None."""
    siblings = corpus.ids_of(passage.source)
    position = next((i for i, pid in enumerate(siblings) if pid == passage.id), None)
    if position is None or not 0 <= position + step < len(siblings):
        return None
    found = corpus.passages([siblings[position + step]])
    return found[0] if found else None


def _same_part(one: Passage, other: Passage) -> bool:
    """Both belong to one Pasal, or to one section of a non-regulation document."""
    return one.kind == other.kind and ((one.pasal is not None and other.pasal == one.pasal) or (one.pasal is None and other.path == one.path))


def continuation(passage: Passage, corpus: Corpus) -> Passage | None:
    """The next passage of the same Pasal or section, or None.

    A passage that ends on a list lead-in (":") or mid-sentence continues into whatever follows it."""
    following = _adjacent(passage, corpus, 1)
    if following is None:
        return None
    return following if _same_part(passage, following) or not _CLOSED.search(passage.text) else None


def preceding(passage: Passage, corpus: Corpus) -> Passage | None:
    """The previous passage of the same Pasal or section (a table's header rows), or None."""
    before = _adjacent(passage, corpus, -1)
    return before if before is not None and _same_part(before, passage) else None


def with_continuations(hits: list[Hit], corpus: Corpus, depth: int = QUOTE_PASSAGES) -> tuple[list[Hit], dict[int, int]]:
    """The hits, extended by the parts continuing the top `depth` ones that are not among them.

    Returns the extended list and, for each added part's citation number, the number of the hit it
    continues; a lower-ranked hit that carries on the list a better one ends on is read with that one too."""
    extended = list(hits)
    numbers = {hit.passage.id: n for n, hit in enumerate(hits, start=1)}
    continues: dict[int, int] = {}
    for n, hit in enumerate(hits[:depth], start=1):
        following = continuation(hit.passage, corpus)
        if following is not None and numbers.get(following.id, 0) > n and _open_lead_in(hit.passage.text):
            continues.setdefault(numbers[following.id], n)
        if following is None or following.id in numbers:
            continue
        extended.append(replace(hit, passage=following, score=0.0, dense=None, lexical=None, ranks={"continuation": n}, units=[]))
        numbers[following.id] = len(extended)
        continues[len(extended)] = n
    return extended, continues


def anchored_numbers(anchors: Anchors, hits: list[Hit], numbers: list[int], corpus: Corpus) -> list[int]:
    """Citation numbers of the passages that state every anchor of the question; none when no passage
    names the act asked about (one that does may state the time in the next ayat, with another verb)."""
    if _unnamed_act(anchors, hits, numbers, corpus):
        return []
    return [n for n in numbers if not _lacking(anchors, hits[n - 1], corpus)]


def absent_anchors(anchors: Anchors, hits: list[Hit], numbers: list[int], corpus: Corpus) -> list[str]:
    """The anchors the closest passage (the one lacking fewest) does not state."""
    if _unnamed_act(anchors, hits, numbers, corpus):
        return [" / ".join(anchors.acts)]
    return min((_lacking(anchors, hits[n - 1], corpus) for n in numbers), key=len, default=[])


def _unnamed_act(anchors: Anchors, hits: list[Hit], numbers: list[int], corpus: Corpus) -> bool:
    return bool(anchors.acts) and not any(
        names_act(anchors, _context(hits[n - 1], corpus, split_tables(hits[n - 1].passage.text)[1])) for n in numbers
    )


def _lacking(anchors: Anchors, hit: Hit, corpus: Corpus) -> list[str]:
    prose, rows = split_tables(hit.passage.text)
    return missing(anchors, _context(hit, corpus, rows), units(prose) + [row.search for row in rows], corpus.knows)


def _context(hit: Hit, corpus: Corpus, rows: list[RowRead]) -> str:
    """What a passage's anchors are looked for in: its document's names and region (a province office's
    leaflet says "Komisi Informasi Provinsi" and never which province), its header and text, its table
    `rows` named, and the parts before and after it (a table's column years head the part before)."""
    around = [p.text for p in (preceding(hit.passage, corpus), continuation(hit.passage, corpus)) if p is not None]
    document = hit.document
    names = [document.title, document.short_name, document.daerah or ""]
    return "\n".join([*names, hit.passage.header, hit.passage.text, *(row.named for row in rows), *around])


def choose(
    question: str, query: LexicalQuery, hits: list[Hit], numbers: list[int], continues: dict[int, int],
    corpus: Corpus, anchors: Anchors, arithmetic: bool = False, subject: str | None = None, relation: str | None = None,
) -> list[Quote]:
    """The best-answering units of the passages `numbers`, in reading order (passage, then position).

    An `arithmetic` question ("hitung selisih ...") gets more units, each stating a figure it needs. The
    `subject` a duty or list question asks about ("Bidang Keolahragaan") favours the units that open
    with it over units that share more of the question's other words (a definition of the office), and
    the `relation` it asks of the subject ("tujuan") the units that name it ("... bertujuan untuk ...")."""
    asked = tokenize(subject) if subject else []
    wants_quantity = arithmetic or bool(_QUANTITY_QUESTION.search(question))
    wants_list = bool(_LIST_QUESTION.search(question))
    wants_date = bool(_DATE_QUESTION.search(question))
    list_chars = MAX_LIST_CHARS if wants_list else MAX_UNIT_CHARS
    number_of = {hit.passage.id: n for n, hit in enumerate(hits, start=1)}
    scored = []
    rests: dict[tuple[int, int], Quote] = {}
    for n in numbers:
        hit = hits[n - 1]
        rank = continues.get(n, n)
        base = PASSAGE_SHARE * coverage(query, hit.passage.search_text, corpus) - RANK_PENALTY * (rank - 1)
        base -= NEIGHBOUR_PENALTY if n in continues else 0.0
        # Table rows are quoted read with their column headers, and scored with their caption too.
        prose, rows = split_tables(hit.passage.text)
        found = units(prose, list_chars)
        ayat = {match.group(1): unit for unit in found if (match := AYAT_LINE.match(unit))}
        # A list cut by the chunker: its items here continue the lead-in ("... meliputi:") of the part before,
        # whether the answer added this part or retrieval found it.
        before = hits[continues[n] - 1].passage if n in continues else _adjacent(hit.passage, corpus, -1)
        lead_in = _open_lead_in(before.text) if before is not None and before.source == hit.passage.source else ""
        items = _leading_items(hit.passage.text, list_chars) if lead_in else ""
        pieces = [(unit, None) for unit in ([items, *found] if items else found)] + [(row.display, row) for row in rows]
        ending = _flat(hit.passage.text)
        rest = _sentence_rest(hit.passage, ending, found, corpus, number_of)
        for order, (unit, row) in enumerate(pieces):
            if rest and row is None and ending.endswith(_flat(unit)):  # the last unit, or the list items it ends
                rests[(n, order)] = rest
                unit_read = f"{unit} {rest.unit}"
            else:
                unit_read = unit
            continued = bool(items) and order == 0
            listed = row is None and (continued or lists_items(unit))
            # A list answers a list question; otherwise its lead-in must be on topic by itself.
            scored_text = row.search if row else unit_read if wants_list or not listed else unit.split(": ", 1)[0]
            own = coverage(query, scored_text, corpus)
            borrowed = f"{lead_in} {unit}" if continued else _with_referenced_ayat(scored_text, ayat)
            referred = coverage(query, borrowed, corpus)
            score = base + own + REFERENCE_SHARE * (referred - own)
            score += QUANTITY_BONUS if wants_quantity and states_number(unit) else 0.0
            score += DATE_BONUS if wants_date and (_DATE.search(unit) or COMMENCEMENT.search(unit)) else 0.0
            score += LIST_BONUS if wants_list and listed else 0.0
            score += ANCHOR_BONUS if anchors and _unit_anchored(anchors, unit) else 0.0
            score += MARKED_BONUS if is_marked(unit, hit) else 0.0
            score += SUBJECT_BONUS if asked and _opens_with(asked, unit) else 0.0
            score += RELATION_BONUS if relation and names_relation(relation, unit) else 0.0
            scored.append(Quote(n, order, unit, score, row))
    scored.sort(key=lambda quote: -quote.score)
    best = scored[0].score if scored else 0.0
    chosen: list[Quote] = []
    for quote in scored:
        if quote.score < KEEP_SHARE * best or len(chosen) == (ARITHMETIC_UNITS if arithmetic else MAX_UNITS):
            break
        if not any(_repeats(quote, other) for other in chosen):
            chosen.append(quote)
    return _with_sentence_rests(sorted(chosen, key=lambda quote: (continues.get(quote.number, quote.number), quote.number, quote.order)), rests)


def with_answer_to(chosen: list[Quote], own: list[Quote], most: int) -> list[Quote]:
    """The quotes, then the `most` best of one ask's own quotes that are not quoted already, in reading order."""
    best = sorted(own, key=lambda quote: -quote.score)[:most]
    return [*chosen, *(quote for quote in own if quote in best and not any(_repeats(quote, other) or _repeats(other, quote) for other in chosen))]


def _with_sentence_rests(chosen: list[Quote], rests: dict[tuple[int, int], Quote]) -> list[Quote]:
    """The quotes with the rest of each cut sentence right after it, quoted once."""
    ordered: list[Quote] = []
    for quote in chosen:
        if any((other.number, other.order) == (quote.number, quote.order) for other in ordered):
            continue  # already quoted as the rest of the sentence before it
        rest = rests.get((quote.number, quote.order))
        ordered = [other for other in ordered if not rest or (other.number, other.order) != (rest.number, rest.order)]
        ordered += [quote, replace(rest, score=quote.score, joins=True)] if rest else [quote]
    return ordered


def _sentence_rest(passage: Passage, ending: str, found: list[str], corpus: Corpus, number_of: dict[str, int]) -> Quote | None:
    """The rest of the sentence a passage ends in, as the first unit of the passage that continues it.

    The chunker may cut a long section mid-sentence ("Permasalahan pertama adalah ... dilihat dari
    penggunaan" | "aplikasi yang ..."): quoting the first half alone drops what it says. The rest is
    quoted from, and cited to, its own passage, and only when that passage is among the numbered hits.
    `ending` is the passage's text with its whitespace flattened (`_flat`).
    """
    if not found or _CLOSED.search(found[-1]) or not ending.endswith(_flat(found[-1])):
        return None
    following = continuation(passage, corpus)
    if following is None or following.id not in number_of or not following.text.lstrip()[:1].islower():
        return None
    opening = units(split_tables(following.text)[0])
    if not opening or is_list_item(opening[0]):  # "l. memenuhi ..." is the next item, not the rest
        return None
    return Quote(number_of[following.id], 0, opening[0], 0.0)


def _repeats(quote: Quote, other: Quote) -> bool:
    """A list item already quoted inside its lead-in ("... yaitu: 1. ...; 2. ...") says nothing new."""
    return quote.number == other.number and _flat(quote.unit) in _flat(other.unit)


def _flat(text: str) -> str:
    """The text with every run of whitespace one space: a PDF's line wraps do not count."""
    return " ".join(text.split())


def _open_lead_in(text: str) -> str:
    """The last list lead-in ("... meliputi:") of a passage whose list runs on to its end, or "".

    The lead-in of a nested list is an item itself ("c. Informasi ... yaitu:" under "kecuali:")."""
    for block in reversed(_blocks(text)):
        if block.endswith(":"):
            return split_sentences(block)[-1]
        if not is_list_item(block):
            return ""
    return ""


def _leading_items(text: str, max_chars: int) -> str:
    """The list items a passage opens with, joined up to `max_chars`, or ""."""
    joined = ""
    for block in _blocks(text):
        if not is_list_item(block) or len(joined) + len(block) > max_chars:
            break
        joined = f"{joined} {block}".strip()
    return joined


def _with_referenced_ayat(unit: str, ayat: dict[str, str], depth: int = 3) -> str:
    """The unit with the ayat of the same Pasal it refers to ("... sebagaimana dimaksud pada ayat (1)
    meliputi: ..."): the subject of such an ayat is written in the one it refers to."""
    referred = [ayat[number] for number in _AYAT_REFERENCE.findall(unit) if number in ayat and ayat[number] != unit]
    if not referred or depth == 0:
        return unit
    return " ".join([unit, *(_with_referenced_ayat(text, ayat, depth - 1) for text in referred)])


def lists_items(unit: str) -> bool:
    """A lead-in with its labelled items, or a list written into the sentence (three items or more)."""
    inline = _INLINE_LIST.search(unit)
    return bool(_ITEMS_AFTER_LEAD_IN.search(unit)) or bool(inline and inline["items"].count(",") >= 2 and _LAST_ITEM.search(inline["items"]))


def _opens_with(asked: list[str], unit: str) -> bool:
    """Whether the unit, without its label, opens with the asked subject's first words (two, or all of
    a one-word subject) and is not the subject's definition ("Dinas ... adalah ..." names no duty)."""
    text = without_label(unit)
    return shared_opening(asked, tokenize(text)) >= min(len(asked), MIN_SHARED_WORDS) and not parse_definition(text)


def _unit_anchored(anchors: Anchors, unit: str) -> bool:
    """A unit that itself states the asked kind of fact, or one of the asked years. Saying when ("setelah",
    "dalam hal") is too common to prefer a unit for: it would put a neighbour's condition before the act."""
    if anchors.kind and anchors.kind != "time":
        return holds_kind(anchors, unit)
    return any(year in unit for year in anchors.years)
