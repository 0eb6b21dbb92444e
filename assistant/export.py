"""A conversation as Markdown: each question, the answer as shown, and its citations with the quoted text.

The export is what an officer pastes into a nota dinas or an email, so every citation carries its
document, Pasal/ayat and page, and the passage itself as a block quote.
"""

from __future__ import annotations

from datetime import datetime

from ingest.messages import t

from .answer_model import Answer
from .presentation import citation_label


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.strip().split("\n"))


def conversation_markdown(turns: list[tuple[Answer, str]], language: str = "id", when: datetime | None = None) -> str:
    """(answer, answer mode) pairs in order → one Markdown document."""
    stamp = (when or datetime.now()).strftime("%Y-%m-%d %H:%M")
    lines = [f"# {t('export_title', language)}", "", f"_{stamp}_", ""]
    for number, (answer, mode) in enumerate(turns, start=1):
        lines += [f"## {number}. {t('export_question', language)}: {answer.question}", ""]
        lines += [f"**{t('export_answer', language)}** ({t('mode', language)}: {mode})", "", answer.text, ""]
        if answer.hits:
            lines += [f"### {t('export_citations', language)}", ""]
            for n, hit in enumerate(answer.hits, start=1):
                lines += [f"**[{n}] {citation_label(hit, language)}**", "", _quote(hit.passage.text), ""]
    return "\n".join(lines).rstrip() + "\n"
