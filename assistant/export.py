"""A conversation as Markdown: each question, the answer as shown, and its citations with the quoted text.

The export is what an officer pastes into a nota dinas or an email, so every citation carries its
document, Pasal/ayat and page, and the passage itself as a block quote.
"""

from __future__ import annotations

from datetime import datetime

from .answer_model import Answer
from .presentation import citation_label

HEADINGS = {
    "id": {"title": "Percakapan Asisten Regulasi", "question": "Pertanyaan", "answer": "Jawaban", "citations": "Kutipan", "mode": "Mode jawaban"},
    "en": {"title": "Asisten Regulasi conversation", "question": "Question", "answer": "Answer", "citations": "Citations", "mode": "Answer mode"},
}


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.strip().split("\n"))


def conversation_markdown(turns: list[tuple[Answer, str]], language: str = "id", when: datetime | None = None) -> str:
    """(answer, answer mode) pairs in order → one Markdown document."""
    words = HEADINGS.get(language, HEADINGS["id"])
    stamp = (when or datetime.now()).strftime("%Y-%m-%d %H:%M")
    lines = [f"# {words['title']}", "", f"_{stamp}_", ""]
    for number, (answer, mode) in enumerate(turns, start=1):
        lines += [f"## {number}. {words['question']}: {answer.question}", "", f"**{words['answer']}** ({words['mode']}: {mode})", ""]
        lines += [answer.text, ""]
        if answer.hits:
            lines += [f"### {words['citations']}", ""]
            for n, hit in enumerate(answer.hits, start=1):
                lines += [f"**[{n}] {citation_label(hit, language)}**", "", _quote(hit.passage.text), ""]
    return "\n".join(lines).rstrip() + "\n"
