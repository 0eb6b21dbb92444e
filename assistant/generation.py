"""LLM answers: stream a draft, verify it against the numbered sources, then show it or fall back.

The extractive answer is always composed first: it is what the user sees when the backend fails,
when retrieval evidence is too weak to ask a model at all, or when the verifier rejects the model's
answer. The streamed draft never carries a `[n]` marker; citations appear only in the verified
final answer, so no run displays a citation the verifier has not checked.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from .answer_model import Answer
from .presentation import citation_label
from .config import Settings
from .llm import ChatBackend, Generation, LLMError
from .messages import t
from .prompts import answer_messages, sources_for
from .answer_model import Verification
from .verify import MARKER, verify

log = logging.getLogger(__name__)

_DRAFT_MARKER = re.compile(r"[ \t]?" + MARKER.pattern)
MAX_OPEN_MARKER = 12  # an open "[" held back longer than this is ordinary text


class DraftFilter:
    """Removes `[n]` markers from streamed pieces, holding back a marker split across pieces."""

    def __init__(self) -> None:
        self._held = ""

    def feed(self, piece: str) -> str:
        text = self._held + piece
        cut = text.rfind("[")
        if cut != -1 and "]" not in text[cut:] and len(text) - cut <= MAX_OPEN_MARKER:
            cut = len(text[:cut].rstrip(" \t"))  # the space before a marker goes with it
            self._held, text = text[cut:], text[:cut]
        else:
            self._held = ""
        return _DRAFT_MARKER.sub("", text)

    def flush(self) -> str:
        text, self._held = _DRAFT_MARKER.sub("", self._held), ""
        return text


def fallback(extractive: Answer, note: str, verification: Verification, generation: Generation, language: str) -> Answer:
    """The extractive answer, with a visible note saying why the model's answer is not shown."""
    text = f"{note} {t('llm_fallback', language)}\n\n{extractive.text}"
    return replace(extractive, text=text, mode="extractive", verification=verification, generation=generation)


def _verified_answer(extractive: Answer, verification: Verification, generation: Generation, language: str) -> Answer:
    hits = extractive.hits
    lines = [verification.text]
    if verification.verdict == "pruned":
        lines += ["", t("llm_pruned", language, removed=verification.removed)]
    lines += ["", t("sources", language)] + [f"[{n}] {citation_label(hits[n - 1], language)}" for n in verification.cited]
    lines += ["", t("llm_checked", language, backend=generation.backend)]
    return replace(
        extractive, text="\n".join(lines), found=True, quoted=verification.cited, mode="llm",
        verification=verification, generation=generation,
    )


def answer_stream(
    extractive: Answer,
    backend: ChatBackend,
    settings: Settings,
    similarity: Callable[[str, list[int]], float] | None = None,
) -> Iterator[str | Answer]:
    """Draft text pieces (markers removed) while the model writes, then the final Answer."""
    language = settings.language
    if not extractive.found:
        yield replace(extractive, verification=Verification("skipped"))
        return
    question = extractive.query or extractive.question
    sources = sources_for(extractive.hits, settings.llm_context, settings.llm_max_tokens, language)
    draft, pieces, generation = DraftFilter(), [], Generation(backend.name)
    try:
        for piece in backend.stream(answer_messages(question, sources, language)):
            if isinstance(piece, Generation):
                generation = piece
                continue
            pieces.append(piece)
            if visible := draft.feed(piece):
                yield visible
    except LLMError as error:
        log.warning("%s", error)
        generation.error = error.message(language)
        yield fallback(extractive, generation.error, Verification("unavailable"), generation, language)
        return
    if tail := draft.flush():
        yield tail
    verification = verify("".join(pieces), sources, similarity)
    log.info(
        "verifier: %s, %d claims, %d removed, citations not given: %s",
        verification.verdict, verification.claims, verification.removed, verification.invalid_citations or "none",
    )
    if verification.verdict in ("verified", "pruned"):
        yield _verified_answer(extractive, verification, generation, language)
    elif verification.verdict == "not_found":
        yield fallback(extractive, t("llm_said_not_found", language), verification, generation, language)
    else:
        note = t("llm_unverified", language, removed=verification.removed, total=verification.claims)
        yield fallback(extractive, note, verification, generation, language)
