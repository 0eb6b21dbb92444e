"""Mark the question's terms in a cited passage, so a reader sees at once why it was cited.

Words are compared by the same stems the lexical index uses ("informasi" marks "Informasi",
"mengajukan" marks "diajukan"), so what is highlighted is what retrieval matched on.
"""

from __future__ import annotations

import html
import re

from ingest.lexical import tokenize

from .query import analyze

_WORD = re.compile(r"[A-Za-z0-9]+")


def question_terms(question: str) -> frozenset[str]:
    """Stems of the question's topic words ("menurut UU 14/2008" says where to look, not what to find)."""
    return frozenset(tokenize(analyze(question).topic))


def highlight_html(text: str, terms: frozenset[str] | set[str]) -> str:
    """The passage as escaped HTML, line breaks kept, each word whose stem is a term wrapped in <mark>."""
    pieces, last = [], 0
    for match in _WORD.finditer(text):
        pieces.append(html.escape(text[last : match.start()]))
        word = html.escape(match.group())
        pieces.append(f"<mark>{word}</mark>" if terms and terms & set(tokenize(match.group())) else word)
        last = match.end()
    pieces.append(html.escape(text[last:]))
    return f'<div class="passage" style="white-space: pre-wrap; line-height: 1.5">{"".join(pieces)}</div>'


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}<>#|~$])")


def escape_markdown(text: str) -> str:
    """Document text shown through Markdown as printed: no accidental bold, headings, tables or LaTeX ($)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
