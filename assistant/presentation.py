"""Display text of the data model: how a citation is written for the reader, in the reader's language.

Kept apart from the models and the answer composer so that every place that shows a citation (answer
text, prompt sources, export, UI) writes it the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .messages import t

if TYPE_CHECKING:
    from .retrieval import Hit


def citation_label(hit: Hit, language: str = "id") -> str:
    """'UU No. 14 Tahun 2008 tentang ..., Pasal 5 ayat (2), hlm. 4' — what a user would cite."""
    document, passage = hit.document, hit.passage
    name = document.short_name
    if document.tentang and document.is_regulation:
        name += f" tentang {document.tentang}"
    parts = [name, passage.location()]
    pages = passage.pages_label()
    if pages:
        parts.append(pages if language == "id" else pages.replace("hlm.", "p."))
    if passage.ocr:  # read by Tesseract from a scan: the user should check it against the original
        parts.append(t("ocr_mark", language))
    return ", ".join(part for part in parts if part)
