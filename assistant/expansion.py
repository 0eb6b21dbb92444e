"""What the lexical side searches for: the question's words, plus the forms that stand for them.

BM25 and the evidence check (assistant/answer.py) compare words, so they miss a passage that
writes "Teknologi Informasi dan Komunikasi" for a question asking about "TIK", and every passage
for a question asked in English. Two kinds of alternative forms are added, each weighted below the
question's own words so they never drown them:

- abbreviations learned from the documents at ingest (ingest/abbreviations.py), both ways: "TIK"
  brings "teknologi informasi komunikasi", a spelled-out name brings its abbreviation;
- for an English question (told by its share of English function words), its content words
  translated through a general government/legal vocabulary (data/english.tsv), while the
  multilingual embedder reads it as it is; an Indonesian question's borrowed English words
  ("software", "website": not Indonesian root words) get the same renderings ("perangkat lunak");
- for the words that frame what a question asks rather than what it is about ("wajib", "harus",
  "must"; "lama" in "berapa lama"), the other ways a provision states that kind of answer ("paling
  lambat 14 hari"). These count only in the evidence check, never in BM25 (weight 0).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ingest.citations import REGULATION
from ingest.legaltext import ENACTMENT_WORDS, MONEY_WORDS, OBLIGATION_WORDS, TIME_LIMITS, TIME_UNITS
from ingest.lexical import is_indonesian, stopwords, tokenize

VOCABULARY = Path(__file__).parent / "data" / "english.tsv"
INFORMAL = Path(__file__).parent / "data" / "informal.tsv"
PROVINCES = Path(__file__).parent / "data" / "provinces.tsv"
# BM25 weight of an alternative form (a spelled-out name, an abbreviation, a less usual rendering of
# an English word), per word of the question it stands for. On the `tune` half 0, 0.25 and 0.5 tie
# once an alternative scores only where its words are missing (evaluations/README.md); 0.25 still
# finds passages that only abbreviate (tests/test_abbreviations.py) and leaves the question's own
# words the larger weight.
ALTERNATIVE_WEIGHT = 0.25
MAX_NAMES = 3  # spelled-out names kept for an abbreviation that documents use for several things
SHORT_NEEDS_CAPITAL = 3  # "API" (an interface) is an abbreviation, "api" (fire) is a word
ENGLISH_SHARE = 0.25  # share of English function words that makes a question English
MAX_PHRASE_WORDS = 4
_WORD = re.compile(r"[^\W_]+")
_CHAT_WORD = re.compile(r"(?<![\w/.-])[a-z]+(?![\w/-])")  # a lower-case word standing alone, not part of "Kab." or "18/2022"
# How a question asks for a length of time without naming its unit: "berapa lama", "how long", "dalam waktu
# berapa" (assistant/query.py adds "berapa hari (kerja)").
ASKS_DURATION = re.compile(r"\b(?:berapa|how)\s+(?:lama|long)\b|\bwaktu\s+berapa\b", re.IGNORECASE)


@dataclass(frozen=True)
class LexicalQuery:
    tokens: list[str]  # the question's own terms (an English question's: translated)
    # (question tokens, tokens of a form that stands for them, its BM25 weight): "tik" ← "teknologi informasi komunikasi"
    alternatives: list[tuple[tuple[str, ...], tuple[str, ...], float]] = field(default_factory=list)

    def weighted(self) -> list[tuple[list[str], float, tuple[str, ...]]]:
        """(tokens, weight, what they stand for) groups for BM25 (ingest/lexical.py `Group`): an
        alternative of n words standing for m scores as m words."""
        return [(self.tokens, 1.0, ())] + [
            (list(alternative), weight * max(len(original), 1) / len(alternative), original)
            for original, alternative, weight in self.alternatives
            if weight
        ]

    def present(self, text_tokens: set[str]) -> set[str]:
        """The text's tokens plus the question tokens that a form present in the text stands for."""
        found = set(text_tokens)
        for original, alternative, _ in self.alternatives:
            if set(alternative) <= text_tokens:
                found.update(original)
        return found


def _pairs(path: Path) -> Iterator[tuple[str, str]]:
    """The (left, right) columns of a tab-separated word list; blank lines and "#" comments skipped."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            left, _, right = line.partition("\t")
            yield left, right


@lru_cache(maxsize=1)
def vocabulary() -> dict[tuple[str, ...], tuple[str, ...]]:
    """English word or phrase → Indonesian renderings, the usual first; () for a function word."""
    return {
        tuple(english.lower().split()): tuple(part.strip() for part in indonesian.split("|") if part.strip())
        for english, indonesian in _pairs(VOCABULARY)
    }


@lru_cache(maxsize=1)
def _informal() -> tuple[dict[str, str], re.Pattern]:
    """Chat spelling → written form, and the pattern of the words that only address the reader (an empty
    written form) where they stand: at the question's start or end."""
    spellings = {informal.strip(): written.strip() for informal, written in _pairs(INFORMAL)}
    address = "|".join(word for word, written in spellings.items() if not written)
    return spellings, re.compile(rf"^(?:\s*(?:{address})\b[\s,]*)+|(?:[\s,]*\b(?:{address}))+(?=\s*[?.!]*\s*$)")


def formal(question: str) -> str:
    """The question with chat spellings written out ("brp" -> "berapa", "yg" -> "yang") and the words that only
    address the reader dropped where they stand, at its start or end ("min, …", "… kak?"): the question
    analysis and the evidence threshold read the words documents use, and "brp" is a term no passage holds.
    "10 min" inside a question stays."""
    spellings, address = _informal()
    written = address.sub("", _CHAT_WORD.sub(lambda word: spellings.get(word.group()) or word.group(), question))
    if written == question:
        return question
    return re.sub(r"\s+(?=[,.?!])", "", " ".join(written.split())).strip(" ,")


@lru_cache(maxsize=1)
def _province_names() -> tuple[dict[str, str], re.Pattern]:
    names = {short.strip(): full.strip() for short, full in _pairs(PROVINCES)}
    return names, re.compile(rf"\b(?:{'|'.join(map(re.escape, names))})\b", re.IGNORECASE)


def provinces_spelled_out(text: str) -> str:
    """The text with a province's short name written out in lower case ("Provinsi Kalbar" -> "Provinsi
    kalimantan barat"): the name as documents print it in full."""
    names, short = _province_names()
    return short.sub(lambda name: names[name.group().lower()], text)


def is_english(question: str) -> bool:
    """A quarter of its words English function words, or some and no Indonesian one: a short English
    question ("What forms can regional innovation take?") has few function words, an Indonesian
    question always has one of its own ("yang", "di", "berapa", "saja")."""
    words = [word.lower() for word in _WORD.findall(question) if not word.isdigit()]
    function_words = sum(1 for word in words if vocabulary().get((word,)) == ())
    indonesian = any(len(word) > 1 and word in stopwords() for word in words)
    return bool(words) and (function_words / len(words) >= ENGLISH_SHARE or (function_words > 0 and not indonesian))


def _singular(word: str) -> list[str]:
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    return forms


def _segments(words: list[str]) -> list[tuple[str, tuple[str, ...] | None]]:
    """The words as the vocabulary's phrases, longest first ("regional regulation" before "regional"):
    each phrase with its Indonesian renderings (() for a function word), a word it lacks with None."""
    lowered = [word.lower() for word in words]
    segments = []
    i = 0
    while i < len(words):
        for size in range(min(MAX_PHRASE_WORDS, len(words) - i), 0, -1):
            renderings = next(
                (vocabulary()[key] for form in _singular(lowered[i + size - 1]) if (key := (*lowered[i : i + size - 1], form)) in vocabulary()),
                None,
            )
            if renderings is not None:
                break
        size = size if renderings is not None else 1
        segments.append((" ".join(words[i : i + size]), renderings))
        i += size
    return segments


def translate(question: str, known: Container[str]) -> tuple[list[str], list[tuple[tuple[str, ...], tuple[str, ...], float]]]:
    """An English question's terms in Indonesian tokens, and the other renderings as alternatives.

    A word the vocabulary lacks is kept when it can name something (a capital or a digit: "SPBE",
    "Blitar", "2024") or the documents use it ("audit", "internet"); other English words cannot
    match Indonesian text and are left out, so they do not count against the evidence.
    """
    tokens: list[str] = []
    alternatives = []
    for word, renderings in _segments([word for word in _WORD.findall(question) if len(word) > 1 or word.isdigit()]):
        if renderings is None:
            found = next((form for form in _singular(word.lower()) if form in known), None)
            if found or word != word.lower() or any(ch.isdigit() for ch in word):
                tokens += tokenize(found or word)
        elif renderings:
            usual = tokenize(renderings[0])
            tokens += usual
            alternatives += [(tuple(usual), tuple(tokenize(other)), ALTERNATIVE_WEIGHT) for other in renderings[1:] if tokenize(other)]
    return tokens, alternatives


def indonesian_term(term: str) -> str:
    """An English term as Indonesian writes it, head first: "electronic certificate" → "sertifikat
    elektronik", "SPBE security audit" → "audit keamanan SPBE"; a phrase of the vocabulary as it gives it."""
    parts = [renderings[0] if renderings else word for word, renderings in _segments(_WORD.findall(term)) if renderings != ()]
    return " ".join(reversed(parts))


def framing(question: str, tokens: list[str]) -> list[tuple[tuple[str, ...], tuple[str, ...], float]]:
    """Weightless alternatives for the question's framing words: an obligation word stands for every
    other way of writing an obligation, an enactment word ("ditetapkan", "menandatangani") for the others
    ("disahkan", "ttd."), the "lama" of "berapa lama" for any unit a duration is stated in.
    Without them a passage stating "paling lambat 30 hari" lacks the "harus" and "lama" the question asked
    with, or the "batas waktu" of "berapa batas waktu ..." (TIME_LIMITS), or the "pagu" of a table that
    only gives "Rp 1.000.000.000"."""
    found = []
    for words in (OBLIGATION_WORDS, ENACTMENT_WORDS):
        forms = {tuple(tokenize(word)) for word in words}
        asked = {form for form in forms if len(form) == 1 and form[0] in tokens}
        found += [(own, other, 0.0) for own in sorted(asked) for other in sorted(forms) if other != own]
    if ASKS_DURATION.search(question) and "lama" in tokens:
        found += [(("lama",), tuple(tokenize(unit)), 0.0) for unit in (*TIME_UNITS, "paling lambat")]
    units = {token for unit in TIME_UNITS for token in tokenize(unit)}
    if "batas" in tokens and (units | {"waktu", "kapan"}) & set(tokens):  # "batas waktu", "berapa hari batas"
        found += [(("batas",), tuple(tokenize(limit)), 0.0) for limit in TIME_LIMITS]
        found += [(("waktu",), tuple(tokenize(unit)), 0.0) for unit in TIME_UNITS] if "waktu" in tokens else []
    money = {token for word in MONEY_WORDS for token in tokenize(word)} & set(tokens)  # "pagu" is stated as "Rp 1.000.000.000"
    found += [((word,), ("rp",), 0.0) for word in sorted(money)]
    return found


@dataclass(frozen=True)
class _Name:
    short: tuple[str, ...]  # tokens of the abbreviation
    full: tuple[str, ...]  # tokens of the spelled-out name


class Expander:
    """Built once per index from its learned abbreviations and its vocabulary (tokens it holds)."""

    def __init__(self, abbreviations: list[dict], known: Container[str]) -> None:
        self.known = known
        counts = Counter((record["short"], record["full"].lower()) for record in abbreviations)
        self._names: dict[tuple[str, ...], list[_Name]] = {}  # the abbreviation's words, lower case → names
        self._by_first: dict[str, list[_Name]] = {}  # first token of a spelled-out name → names
        for (short, full), _ in counts.most_common():
            name = _Name(tuple(tokenize(short)), tuple(tokenize(full)))
            if not name.short or len(name.full) < 2 or set(name.full) == set(name.short):
                continue
            key = tuple(word.lower() for word in _WORD.findall(short))
            names = self._names.setdefault(key, [])
            if name.full not in {n.full for n in names} and len(names) < MAX_NAMES:
                names.append(name)
                self._by_first.setdefault(name.full[0], []).append(name)

    def expand(self, question: str) -> LexicalQuery:
        english = is_english(question)
        tokens, alternatives = self._terms(question, english)
        topic = REGULATION.sub(" ", question)  # a cited "Permenpan RB 59/2020" is an identifier, matched by the reference ranking
        alternatives += self._abbreviated(topic, self._terms(topic, english)[0] if topic != question else tokens)
        alternatives += framing(question, tokens)
        if not english:
            alternatives += self._loanwords(question)
        return LexicalQuery(tokens, list(dict.fromkeys(alternatives)))

    def _terms(self, question: str, english: bool) -> tuple[list[str], list[tuple[tuple[str, ...], tuple[str, ...], float]]]:
        return translate(question, self.known) if english else (tokenize(question), [])

    def _loanwords(self, question: str) -> list[tuple[tuple[str, ...], tuple[str, ...], float]]:
        """The Indonesian renderings of the English words an Indonesian question borrows ("software",
        "cloud", "website"; none of them an Indonesian root word): regulations write "perangkat lunak"."""
        found = []
        for phrase, renderings in _segments(_WORD.findall(question)):
            own = tuple(tokenize(phrase))
            if not renderings or not own or any(is_indonesian(word) for word in phrase.split()):
                continue
            for words in renderings:
                rendering = tokenize(words)
                # "dalam jaringan" would stand as "jaring" alone: a rendering must keep every word.
                if len(rendering) == len(words.split()) and set(rendering) != set(own):
                    found.append((own, tuple(rendering), ALTERNATIVE_WEIGHT))
        return found

    def _abbreviated(self, question: str, tokens: list[str]) -> list[tuple[tuple[str, ...], tuple[str, ...], float]]:
        """The spelled-out names of the abbreviations the question uses, and the abbreviations of the
        names it spells out."""
        words = _WORD.findall(question)
        lowered = [word.lower() for word in words]
        found = []
        for i in range(len(words)):
            for size in range(1, 4):
                key = tuple(lowered[i : i + size])
                written = "".join(words[i : i + size])
                if len(key) == size and key in self._names and (len(written) > SHORT_NEEDS_CAPITAL or written != written.lower()):
                    found += [(name.short, name.full, ALTERNATIVE_WEIGHT) for name in self._names[key] if not set(name.full) <= set(tokens)]
        for i, token in enumerate(tokens):
            for name in self._by_first.get(token, ()):
                if tuple(tokens[i : i + len(name.full)]) == name.full and not set(name.short) <= set(tokens):
                    found.append((name.full, name.short, ALTERNATIVE_WEIGHT))
        return found
