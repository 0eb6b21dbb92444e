"""The LLM's messages, built from the files in `prompts/<language>/` and the retrieved passages.

The files are edited in the top-level `prompts/`; `assistant/templates` links to it in the checkout and
is a real folder in the wheel (package data), so an installed package finds them beside this module.

Passages are numbered [1..k] in retrieval order, the same numbers as the `--json` citations, and
trimmed to share the context window; the verifier checks the answer against exactly this text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .answer_model import Source
from .presentation import citation_label
from .retrieval import Hit

PROMPTS = Path(__file__).resolve().parent / "templates"
CHARS_PER_TOKEN = 3  # conservative for Indonesian legal text with common tokenizers
RESERVED_TOKENS = 400  # system prompt, question and chat-template overhead
MIN_SOURCE_CHARS = 300


@cache
def load_prompt(name: str, language: str = "id") -> str:
    folder = PROMPTS / (language if (PROMPTS / language).is_dir() else "id")
    return (folder / f"{name}.txt").read_text(encoding="utf-8").strip()


def sources_for(hits: list[Hit], context_tokens: int, answer_tokens: int, language: str = "id") -> list[Source]:
    """The passages numbered as cited, each cut to an equal share of what the context window leaves."""
    budget = max(context_tokens - answer_tokens - RESERVED_TOKENS, 0) * CHARS_PER_TOKEN
    share = max(budget // max(len(hits), 1), MIN_SOURCE_CHARS)
    sources = []
    for n, hit in enumerate(hits, start=1):
        text = hit.passage.text
        if len(text) > share:
            text = text[:share].rsplit(" ", 1)[0] + " …"
        sources.append(Source(n, citation_label(hit, language), text))
    return sources


def answer_messages(question: str, sources: list[Source], language: str = "id") -> list[tuple[str, str]]:
    body = "\n\n".join(source.render() for source in sources)
    user = load_prompt("answer", language).format(sources=body, question=question)
    return [("system", load_prompt("system", language)), ("user", user)]


def rewrite_messages(question: str, history: str, language: str = "id") -> list[tuple[str, str]]:
    return [("user", load_prompt("rewrite", language).format(history=history, question=question))]
