"""Abbreviations learned from the documents: "OPD" = "Organisasi Perangkat Daerah".

Officials ask with the abbreviation ("tugas OPD") where a passage spells the name out, and the
other way round. Documents introduce their abbreviations in three written forms, read here:

    Organisasi Perangkat Daerah yang selanjutnya disingkat OPD adalah ...
    ... Rencana Strategis (Renstra) ...
    ... SPBE (Sistem Pemerintahan Berbasis Elektronik) ...

The words before (or inside) the brackets are a name only when the abbreviation can be spelled
from them: each content word of the name gives the abbreviation its next letters as a prefix of
itself and then some of its letters in order (an initial, "O-P-D", a syllable, "Ren-stra", or
"Dis-kom-info" of "Dinas Komunikasi dan Informatika"), and joining words
("dan", "of") may give letters or none. So "jangka waktu 5 (lima)" or "Jaringan lokal (JIS)" are
not pairs, and no list of known abbreviations is needed.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache

from .model import Passage

# Words that join a name's parts; an abbreviation may take a letter from them or skip them.
JOINING_WORDS = frozenset({"dan", "atau", "serta", "di", "ke", "dari", "untuk", "bagi", "pada", "dalam", "yang", "of", "and", "the", "for", "in", "on"})
MAX_NAME_WORDS = 12
MAX_TRAILING_WORDS = 2  # "Rencana ... Daerah Kabupaten Blitar (RPJMD)": the region after the name is not spelled
MIN_NAME_WORDS = 2

_WORD = re.compile(r"[A-Za-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")  # "BadanPenyelenggara" as converted PDFs glue them
# The abbreviation: starts with a capital, 2-20 letters (with - / . inside), up to three tokens ("KMR SPBE").
_SHORT = r"[A-Z][A-Za-z]*(?:[-/.][A-Za-z]+)*(?:\s+[A-Z][A-Za-z]*(?:[-/.][A-Za-z]+)*){0,2}"
_BRACKETED = re.compile(rf"\(\s*(?P<short>{_SHORT})\s*\)")
_NAMED_AS = re.compile(
    rf"\b(?:yang\s+)?(?:selanjutnya\s+)?(?:dapat\s+)?(?:disin?gkat|disebut)(?:\s+dengan)?\s+[“\"']?(?P<short>{_SHORT})[”\"']?(?=[\s,.;:)]|$)"
)
_SPELLED_IN_BRACKETS = re.compile(r"(?P<short>\b[A-Z][A-Za-z]*[A-Z][A-Za-z]*)\s*\((?P<name>[^()]{5,150})\)")
_BRACKETS = re.compile(r"\([^()]*\)")


@dataclass(frozen=True)
class Abbreviation:
    short: str  # "OPD" as written
    full: str  # "Organisasi Perangkat Daerah"
    source: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def _words(text: str) -> list[str]:
    return _WORD.findall(_CAMEL.sub(" ", text))


def _letters(short: str) -> str:
    return "".join(ch for ch in short.lower() if ch.isalpha())


def spelled_span(short: str, words: list[str]) -> tuple[int, int] | None:
    """(start, end) of the words, ending at most MAX_TRAILING_WORDS before the last, that spell `short`;
    the nearest and shortest such run, or None.

    Words the abbreviation repeats whole ("KMR SPBE" after "Komite Manajemen Risiko SPBE") are matched
    as themselves.
    """
    shared = 0
    short_words = short.split()
    while shared < len(short_words) - 1 and shared < len(words) and short_words[-1 - shared].lower() == words[-1 - shared].lower():
        shared += 1
    letters = _letters(" ".join(short_words[: len(short_words) - shared]))
    if len(letters) < 2 or not short_words[0][:1].isupper():
        return None
    names = [w.lower() for w in words[: len(words) - shared]]
    last_end = len(names) if shared else max(len(names) - MAX_TRAILING_WORDS, 0)
    for prefixes_only in (True, False):  # "Infrastruktur Informasi Vital" before "Informasi Vital" for IIV
        for end in range(len(names), last_end - 1, -1):
            for start in range(end - 1, max(end - MAX_NAME_WORDS, 0) - 1, -1):
                content = sum(1 for w in names[start:end] if w not in JOINING_WORDS)
                if JOINING_WORDS & {names[start], names[end - 1]} or content + shared < MIN_NAME_WORDS:
                    continue
                if _spells(letters, tuple(names[start:end]), prefixes_only):
                    return start, end + shared
    return None


@lru_cache(maxsize=4096)
def _spells(letters: str, words: tuple[str, ...], prefixes_only: bool) -> bool:
    """Do the words, in order, give exactly these letters, each content word a prefix of itself or
    (unless `prefixes_only`) some of its letters in order from its first ("Di-s" of "Dinas")?"""
    if not words:
        return not letters
    word, rest = words[0], words[1:]
    if word in JOINING_WORDS and _spells(letters, rest, prefixes_only):
        return True
    if not letters or letters[0] != word[0]:
        return False
    longest = min(len(word), len(letters) - sum(1 for w in rest if w not in JOINING_WORDS))
    taken = (lambda part: word.startswith(part)) if prefixes_only else (lambda part: _in_order(part, word))
    return any(taken(letters[:size]) and _spells(letters[size:], rest, prefixes_only) for size in range(1, longest + 1))


def _in_order(part: str, word: str) -> bool:
    remaining = iter(word)
    return all(letter in remaining for letter in part)


def _pair(short: str, words: list[str], source: str) -> Abbreviation | None:
    span = spelled_span(short, words)
    if not span:
        return None
    full = " ".join(words[span[0] : span[1]])
    return Abbreviation(" ".join(short.split()), full, source) if _letters(full) != _letters(short) else None


def abbreviations_in(text: str, source: str = "") -> list[Abbreviation]:
    """Every abbreviation the text introduces, in the three forms of the module docstring, once each."""
    text = " ".join(text.split())
    found: list[Abbreviation] = []
    for pattern in (_BRACKETED, _NAMED_AS):
        for match in pattern.finditer(text):
            before = _BRACKETS.sub(" ", text[max(0, match.start() - 300) : match.start()])
            found.append(_pair(match.group("short"), _words(before)[-(MAX_NAME_WORDS + MAX_TRAILING_WORDS) :], source))
    for match in _SPELLED_IN_BRACKETS.finditer(text):
        words = _words(match.group("name"))
        span = spelled_span(match.group("short"), words)
        if span and span[0] == 0:  # the bracket opens with the name
            found.append(Abbreviation(match.group("short"), " ".join(words[span[0] : span[1]]), source))
    return list(dict.fromkeys(pair for pair in found if pair))


def extract_abbreviations(source: str, passages: list[Passage]) -> list[Abbreviation]:
    """The document's abbreviations, each (short, full) once, in reading order."""
    return list(dict.fromkeys(pair for passage in passages if passage.source == source for pair in abbreviations_in(passage.text, source)))
