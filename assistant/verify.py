"""The citation verifier: an LLM answer is shown only in the parts its cited sources support.

A wrong citation in a legal answer is worse than none, so every sentence of the model's answer is
checked against the numbered sources it was given:

* every `[n]` must name a source that was given (a fabricated `[9]` rejects its sentence);
* the sentence must be supported by its cited sources: enough of its content words (stemmed, as
  the lexical index sees them) occur there, or, when an embedder is at hand, a moderate overlap
  plus a high semantic similarity;
* every number, date, "Pasal N" and "ayat (N)" in it must occur in a cited source.

A sentence without a marker borrows the markers of the next (else the previous) cited sentence of
the same paragraph, as "A. B [1]." cites [1] for both; a sentence ending in ":" borrows those of
the cited items it introduces. Only the lead-ins of LEAD_INS stand uncited: anything else a model
writes, an instruction planted in a passage included, must be supported like any claim. Sentences
that fail are removed; when nothing supported remains, or most of the answer fails, the caller
shows the extractive answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest import legaltext
from ingest.lexical import tokenize

from .answer_model import SentenceCheck, Source, Verification
from .messages import MESSAGES

LEXICAL_SUPPORT = 0.7  # share of a sentence's content words found in its cited sources
SEMANTIC_LEXICAL_FLOOR = 0.5  # below this overlap no similarity can rescue a sentence
SEMANTIC_SUPPORT = 0.9  # e5 cosine of sentence and passage that counts as a paraphrase
MARKER = re.compile(r"\[\s*(\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*)\s*\]")
# "... diatur. [1]" is rewritten "... diatur [1]." so the marker stays with its sentence.
_MARKER_AFTER_STOP = re.compile(r"([.!?])((?:\s*\[\s*\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*\s*\])+)")
# A number and the word it counts ("14 hari", "1 Januari"), skipping a spelled-out "(sepuluh)".
_NUMBER = re.compile(r"(?<!\d)(?<!\d[.,])(\d+(?:[.,]\d+)*)(?: ?\([^()\d]{1,40}\))?(?: ([^\W\d_]+))?")
_PASAL = re.compile(r"\bpasal\s+(\d+[a-z]?|[ivxlc]+)\b", re.IGNORECASE)
_AYAT = re.compile(r"\bayat\s*\(\s*(\d+[a-z]?)\s*\)", re.IGNORECASE)
_NOT_FOUND = re.compile(r"tidak\s+ditemukan\s+dalam\s+dokumen|not\s+found\s+in\s+the\s+(?:indexed\s+)?documents?", re.IGNORECASE)
_REFERENCE_HEADING = re.compile(r"^\W*(sumber|referensi|rujukan|daftar pustaka|sources?|references?)\W*$", re.IGNORECASE)
_MARKUP = re.compile(r"[*_#`>]+")
# The uncited lead-ins kept as written: the extractive answer's own opening (messages "answer_intro")
# and a few connectives that introduce cited items. A closed set: a sentence does not become a
# lead-in by ending in ":".
LEAD_INS = (
    *(MESSAGES[language]["answer_intro"] for language in MESSAGES),
    "Menurut dokumen yang diindeks:", "Berdasarkan sumber yang diberikan:", "Jawabannya sebagai berikut:",
    "Ketentuannya sebagai berikut:", "Sebagai berikut:", "Berikut ini:", "Yaitu:", "Antara lain:", "Meliputi:",
    "According to the sources:", "The answer is as follows:", "As follows:", "Namely:", "These are:", "Including:",
)


def citations_in(text: str) -> list[int]:
    """Numbers of all `[n]`, `[n, m]` and `[n-m]` markers, in order of appearance."""
    numbers: list[int] = []
    for match in MARKER.finditer(text):
        for part in re.split(r"[,;]", match.group(1)):
            bounds = [int(x) for x in re.split(r"[–-]", part) if x.strip()]
            numbers += range(bounds[0], min(bounds[-1], bounds[0] + 20) + 1)
    return list(dict.fromkeys(numbers))


def strip_markers(text: str) -> str:
    return " ".join(MARKER.sub(" ", text).split()).replace(" .", ".").replace(" ,", ",")


def _normalise_number(number: str) -> str:
    return re.sub(r"[.,]", "", number).lstrip("0") or "0"


def numbers_in(text: str) -> set[tuple[str, str]]:
    """(number, following word) pairs: "10 (sepuluh) hari kerja" -> ("10", "hari"); a bare number has ""."""
    flat = " ".join(text.split())  # a PDF line break may fall between a number and its unit
    return {(_normalise_number(number), word.lower()) for number, word in _NUMBER.findall(flat)}


def _unsupported_numbers(sentence: str, evidence: str) -> list[str]:
    """Numbers of the sentence missing from the evidence, or there counting something else."""
    found = numbers_in(evidence)
    bare = {number for number, _ in found}
    return [
        f"{number} {word}".strip()
        for number, word in sorted(numbers_in(sentence))
        if ((number, word) not in found if word else number not in bare)
    ]


def _body(answer: str) -> str:
    """The answer without a trailing reference list, which the app renders itself."""
    lines = answer.strip().splitlines()
    for i, line in enumerate(lines):
        if i and _REFERENCE_HEADING.match(line.strip()):
            return "\n".join(lines[:i])
    return "\n".join(lines)


def split_sentences(answer: str) -> list[SentenceCheck]:
    """Sentences with their markers, per paragraph or list item (a block)."""
    checks = []
    text = _MARKER_AFTER_STOP.sub(lambda m: f" {m.group(2).strip()}{m.group(1)}", _body(answer))
    for block, line in enumerate(line for line in text.splitlines() if line.strip()):
        for sentence in legaltext.split_sentences(line.strip()):
                checks.append(SentenceCheck(strip_markers(sentence), block, citations_in(sentence), marked=sentence.strip()))
    return checks


def _borrow_markers(checks: list[SentenceCheck]) -> None:
    for i, check in enumerate(checks):
        if check.citations or not check.claim:
            continue
        cited = [j for j, other in enumerate(checks) if other.block == check.block and other.citations]
        donor = next((j for j in cited if j > i), cited[-1] if cited else None)
        if donor is None and _MARKUP.sub("", check.text).strip().endswith(":"):
            # "Syarat-syaratnya adalah sebagai berikut:" is checked against the items it introduces.
            donor = next((j for j in range(i + 1, len(checks)) if checks[j].citations), None)
        if donor is not None:
            check.citations = list(checks[donor].citations)


def _lead_in_key(text: str) -> str:
    return " ".join(_MARKUP.sub("", text).lower().split()).replace(" :", ":")


_LEAD_IN_KEYS = frozenset(map(_lead_in_key, LEAD_INS))


def _is_lead_in(check: SentenceCheck) -> bool:
    """'Berdasarkan dokumen yang diindeks:' introduces cited items and claims nothing itself."""
    return _lead_in_key(check.text) in _LEAD_IN_KEYS


def _check(check: SentenceCheck, sources: dict[int, Source], similarity: Callable[[str, list[int]], float] | None) -> None:
    plain = _MARKUP.sub(" ", check.text)
    invalid = [n for n in check.citations if n not in sources]
    if invalid:
        check.reasons.append("citation_not_given")
    if not check.citations:
        check.reasons.append("no_citation")
    cited = [sources[n] for n in check.citations if n in sources]
    if not cited:
        return
    evidence = "\n".join(f"{s.label}\n{s.text}" for s in cited)
    words = set(tokenize(plain)) - {w for w in tokenize(plain) if w.isdigit()}
    evidence_words = set(tokenize(evidence))
    check.overlap = round(len(words & evidence_words) / len(words), 3) if words else 1.0
    supported = check.overlap >= LEXICAL_SUPPORT
    if not supported and similarity is not None and check.overlap >= SEMANTIC_LEXICAL_FLOOR:
        check.similarity = round(similarity(plain, [s.n for s in cited]), 3)
        supported = check.similarity >= SEMANTIC_SUPPORT
    if not supported:
        check.reasons.append("not_supported")
    missing = _unsupported_numbers(plain, evidence)
    if missing:
        check.reasons.append("numbers_not_in_source:" + ",".join(missing))
    lowered = evidence.lower()
    for pasal in _PASAL.findall(plain):
        if not re.search(rf"\bpasal\s+{re.escape(pasal.lower())}\b", lowered):
            check.reasons.append(f"pasal_not_in_source:{pasal}")
    for ayat in _AYAT.findall(plain):
        if f"({ayat.lower()})" not in lowered.replace(" ", ""):
            check.reasons.append(f"ayat_not_in_source:{ayat}")


def verify(answer: str, sources: list[Source], similarity: Callable[[str, list[int]], float] | None = None) -> Verification:
    """Check every sentence of an LLM answer against the numbered sources the model was given.

    `similarity(sentence, [n, ...])` (optional) returns the best semantic similarity of the sentence
    to the cited sources; it can only rescue a sentence that already shares words with them.
    """
    by_number = {source.n: source for source in sources}
    checks = split_sentences(answer)
    for check in checks:
        if not check.citations and (_NOT_FOUND.search(check.text) or _is_lead_in(check)):
            check.claim, check.supported = False, True
    _borrow_markers(checks)
    for check in checks:
        if check.claim:
            _check(check, by_number, similarity)
            check.supported = not check.reasons
    invalid = sorted({n for c in checks for n in c.citations if n not in by_number})
    kept_claims = [c for c in checks if c.claim and c.supported]
    said_not_found = any(not c.claim and _NOT_FOUND.search(c.text) for c in checks)
    removed = sum(1 for c in checks if c.claim and not c.supported)
    if not kept_claims:
        verdict = "not_found" if said_not_found else "rejected"
    elif removed > len(kept_claims):
        verdict = "rejected"  # mostly unsupported: what is left cannot be trusted either
    else:
        verdict = "pruned" if removed else "verified"
    verification = Verification(verdict, checks, invalid)
    if verdict in ("verified", "pruned"):
        verification.text = _kept_text(checks)
    return verification


def _kept_text(checks: list[SentenceCheck]) -> str:
    """Kept sentences, paragraphs as written; a lead-in with nothing after it goes.

    A sentence that borrowed its markers shows them itself when the sentence that carried them
    was removed, so no kept claim is displayed without its source.
    """
    kept = [c for c in checks if c.supported and not _NOT_FOUND.search(c.text)]
    while kept and not kept[-1].claim:
        kept.pop()
    blocks: dict[int, list[str]] = {}
    for i, check in enumerate(kept):
        text = check.marked
        if check.claim and not MARKER.search(text):
            carrier = next((c for c in kept[i + 1 :] if c.block == check.block and MARKER.search(c.marked)), None)
            if carrier is None or set(citations_in(carrier.marked)) != set(check.citations):
                text = f"{text} [{', '.join(map(str, check.citations))}]"
        blocks.setdefault(check.block, []).append(text)
    return "\n".join(" ".join(sentences) for sentences in blocks.values())
