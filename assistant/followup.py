"""Follow-up questions made standalone before retrieval, since retrieval sees one question at a time.

"Bagaimana dengan Pasal 10?" after a question about UU 14/2008 must search UU 14/2008. The
heuristic carries the regulation (named in the earlier question, or the document its answer cited
first) and the Pasal being discussed into a question that refers back without naming them. With an
LLM configured, the model rewrites the question first and the heuristic then adds whatever
reference the model dropped.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.lexical import tokenize

from .answer import Answer

from .llm import ChatBackend, Generation, LLMError
from .prompts import rewrite_messages
from .query import QueryIntent, analyze

log = logging.getLogger(__name__)

# Words that point back at something said before: "itu", "tersebut", "-nya", "bagaimana dengan".
_POINTS_BACK = re.compile(
    r"\b(itu|tersebut|ini|tadi|di\s+atas|yang\s+sama|bagaimana\s+dengan|kalau|lalu|selanjutnya|juga|"
    r"\w{3,}nya|that|this|it|those|these|same|what\s+about|and\s+the)\b",
    re.IGNORECASE,
)
SHORT_QUESTION = 3  # content words; "Sanksinya?" or "Pasal 10?" cannot stand alone
MAX_REWRITE_RATIO = 4  # an LLM "rewrite" this much longer than the question is an answer, not a question
HISTORY_TURNS = 3


@dataclass(frozen=True)
class Turn:
    """One earlier exchange of the conversation; `documents` are short names of what its answer cited."""

    question: str
    answer: str = ""
    documents: tuple[str, ...] = ()

    @classmethod
    def of(cls, answer: Answer) -> Turn:
        """The turn an answer makes, remembering the documents its text quotes."""
        names = (answer.hits[n - 1].document.short_name for n in answer.quoted if 0 < n <= len(answer.hits))
        return cls(answer.question, answer.text, tuple(dict.fromkeys(names)))


def is_follow_up(question: str) -> bool:
    return bool(_POINTS_BACK.search(question)) or len(tokenize(question)) <= SHORT_QUESTION


def _carried_references(question: str, intent: QueryIntent, history: Sequence[Turn]) -> list[str]:
    """The regulation and Pasal of the latest turn that the question (analysed as `intent`) leaves unnamed."""
    carried: list[str] = []
    for turn in reversed(history):
        earlier = analyze(turn.question)
        if not intent.documents and not carried:
            names = [ref.label() for ref in earlier.documents] or list(turn.documents[:1])
            carried += names
        if not intent.pasal and earlier.pasal and not any(c.startswith("Pasal") for c in carried):
            carried.insert(0, f"Pasal {earlier.pasal}" + (f" ayat ({earlier.ayat})" if earlier.ayat else ""))
        if carried:
            break
    return [c for c in carried if c.lower() not in question.lower()]


def _topic(question: str) -> str:
    """The earlier question without its regulation reference and question mark: what was discussed."""
    return " ".join(analyze(question).topic.replace("?", " ").split())


def _lacks_topic(intent: QueryIntent) -> bool:
    """'Sanksinya?' names no subject of its own; 'Bagaimana dengan Pasal 7?' does."""
    words = [w for w in tokenize(intent.topic) if not w.isdigit() and w not in ("pasal", "ayat")]
    return not intent.pasal and len(words) <= 1


def rewrite_heuristic(question: str, history: Sequence[Turn]) -> str:
    if not history or not is_follow_up(question):
        return question
    intent = analyze(question)
    additions = [_topic(history[-1].question)] if _lacks_topic(intent) else []
    for reference in _carried_references(question, intent, history):
        if reference.lower() not in " ".join(additions).lower():
            additions.append(reference)
    if not additions:
        return question
    return f"{question.strip()} ({'; '.join(additions)})"


def _history_text(history: Sequence[Turn]) -> str:
    lines = []
    for turn in history[-HISTORY_TURNS:]:
        lines.append(f"- {turn.question}")
        if turn.documents:
            lines.append(f"  ({', '.join(turn.documents)})")
    return "\n".join(lines)


def rewrite(question: str, history: Sequence[Turn], backend: ChatBackend | None = None, language: str = "id") -> str:
    """The standalone question to search for; unchanged when there is no history."""
    if not history:
        return question
    if backend is None or not is_follow_up(question):
        return rewrite_heuristic(question, history)
    try:
        text = "".join(p for p in backend.stream(rewrite_messages(question, _history_text(history), language)) if not isinstance(p, Generation))
    except LLMError as error:
        log.warning("follow-up rewrite by LLM failed, heuristic used: %s", error)
        return rewrite_heuristic(question, history)
    lines = [line.strip(" \"'“”*") for line in text.strip().splitlines() if line.strip()]
    candidate = lines[0] if lines else ""
    context = set(tokenize(f"{question} {history[-1].question}"))
    if not candidate or len(candidate) > MAX_REWRITE_RATIO * max(len(question), 40) or not set(tokenize(candidate)) & context:
        return rewrite_heuristic(question, history)  # not a rewrite of this conversation's question
    missing = [ref for ref in _carried_references(question, analyze(question), history) if ref.lower() not in candidate.lower()]
    return f"{candidate} ({'; '.join(missing)})" if missing else candidate
