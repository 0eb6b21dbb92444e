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


# Characters that start a Markdown construct anywhere in a line: link, image, raw HTML, <autolink>, entity,
# emphasis, code, heading, table, strikethrough, math, Streamlit's :color[...]. CommonMark lets each be
# backslash-escaped, and the escaped character is shown as itself.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#|~$!&])")
# Constructs only at the start of a line: a list item ("- ", "+ ", "1. "), a setext heading or rule ("===", "---").
_LINE_START_MARKER = re.compile(r"^(\s*\d*)([-+=.])")
# Where GitHub-flavoured Markdown turns plain text into a link ("http://", "www.", "name@host"). remark-gfm
# finds these in the text after escapes are undone, so only an invisible character inside the trigger stops it.
_AUTOLINK_TRIGGER = re.compile(r"(?<=:)(?=//)|(?<=@)|(?<=www)(?=\.)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def safe_markdown(text: str) -> str:
    """Document-, model- or user-derived text for any Streamlit element that reads Markdown, shown as written.

    Passages, titles, answers and questions may carry `![x](http://...)`, `<img>` or a bare URL; rendered
    as Markdown, the browser would fetch it, breaking the offline promise. So every construct is escaped,
    autolinks are broken by an invisible word joiner, and line breaks are kept.
    """
    unlinked = _AUTOLINK_TRIGGER.sub(WORD_JOINER, text.replace("\r", ""))
    lines = (_LINE_START_MARKER.sub(r"\1\\\2", _MARKDOWN_SPECIAL.sub(r"\\\1", line)) for line in unlinked.split("\n"))
    return "  \n".join(lines)


def safe_markdown_table(columns: list[str], rows: list[list[str]], caption: str = "") -> str:
    """A small table of document text as a Markdown table, every cell through `safe_markdown`, so a
    cell holding `![x](http://...)` or `|` shows as written and never splits a column or fetches anything."""

    def cell(text: str) -> str:
        return safe_markdown(" ".join(text.split())) or " "

    lines = [f"**{safe_markdown(caption)}**", ""] if caption else []
    lines.append("| " + " | ".join(cell(column) for column in columns) + " |")
    lines.append("|" + " --- |" * len(columns))
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines)
