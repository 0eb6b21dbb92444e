"""One cited passage: its metadata and place, the text with the question's terms marked, the PDF page, the file."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import streamlit as st

from assistant import Assistant, Document, Hit, Location, PageTooLarge, Passage
from assistant.highlight import highlight_html, safe_markdown
from assistant.pdfpage import page_png
from assistant.presentation import PATH_SEPARATOR, ayat_label, citation_label, pages_label, place_label

from .texts import error_text, language, tr

MIME = {
    ".pdf": "application/pdf",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".txt": "text/plain",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
MAX_PAGES_SHOWN = 3  # a passage spanning more pages shows its first ones; the file download has the rest


@st.cache_data(show_spinner=False, max_entries=256)
def _page_image(path: str, modified: float, page: int) -> bytes:
    """Cached per file version (`modified`), so a replaced upload is rendered afresh."""
    return page_png(Path(path), page)


def location_path(passage: Passage) -> str:
    """'BAB I KETENTUAN UMUM › Pasal 1 › ayat (2)': where the passage sits in the document."""
    parts = list(passage.path)
    if passage.ayat:
        parts.append(ayat_label(passage.ayat, language()))
    return PATH_SEPARATOR.join(parts)


def metadata_line(document: Document) -> str:
    """'Jenis: Undang-Undang · Nomor: 14 · ...' as Markdown, the document's values shown as written."""
    fields = [
        (tr("meta_jenis"), document.jenis),
        (tr("meta_nomor"), document.nomor),
        (tr("meta_tahun"), document.tahun),
        (tr("meta_tentang"), document.tentang),
    ]
    return " · ".join(f"{name}: {safe_markdown(str(value))}" for name, value in fields if value)


def show_pages(assistant: Assistant, document: Document, first: int | None, last: int | None, key: str) -> None:
    """The printed pages first..last as images (at most MAX_PAGES_SHOWN), or why there are none; then the file."""
    file = assistant.source_file(document.source)
    if file is None:
        st.warning(tr("file_missing", name=document.source))
        return
    if file.suffix.lower() != ".pdf":
        st.info(tr("no_page_image", kind=file.suffix.lstrip(".").upper()))
    elif first is None:
        st.info(tr("no_page_number"))
    else:
        for number in range(first, min(last or first, first + MAX_PAGES_SHOWN - 1) + 1):
            try:
                image = _page_image(str(file), file.stat().st_mtime, number)
            except PageTooLarge as error:
                st.info(tr("page_image_too_large", page=number, width=round(error.width_pt), height=round(error.height_pt)))
                break
            except Exception as error:  # a damaged PDF must not break the answer around it
                st.warning(tr("page_error", error=error_text(error)))
                break
            st.image(image, caption=tr("page_caption", page=number, name=document.source))
    st.download_button(
        f"{tr('download')} ({safe_markdown(file.name)})",
        data=partial(file.read_bytes),
        file_name=file.name,
        mime=MIME.get(file.suffix.lower(), "application/octet-stream"),
        key=f"download-{key}",
        on_click="ignore",
    )


def render(assistant: Assistant, n: int, hit: Hit, terms: frozenset[str], key: str, expanded: bool = False) -> None:
    passage, document = hit.passage, hit.document
    with st.expander(f"[{n}] {safe_markdown(citation_label(hit, language()))}", expanded=expanded):
        st.markdown(f"**{safe_markdown(document.title)}**")
        st.caption(metadata_line(document))
        place = safe_markdown(location_path(passage))
        pages = safe_markdown(pages_label(passage.page_start, passage.page_end, language()))
        st.caption(" · ".join(part for part in (f"{tr('location')}: {place}" if place else "", pages) if part))
        if hit.units:  # the table rows retrieval matched inside this passage
            st.caption(tr("matched_units"))
            st.markdown("\n".join(f"> {safe_markdown(unit.text)}" for unit in hit.units))
        text_column, page_column = st.columns(2)
        text_column.html(highlight_html(passage.text, terms))
        with page_column:
            show_pages(assistant, document, passage.page_start, passage.page_end, key)
        show_references(assistant, passage, key)


def show_references(assistant: Assistant, passage: Passage, key: str) -> None:
    """On demand, the text of every provision the passage cites ("sebagaimana dimaksud dalam Pasal 3")."""
    references = assistant.references(passage)
    if not references or not st.toggle(tr("show_references", count=len(references)), key=f"refs-{key}"):
        return
    for reference in references:
        target = reference["resolved"]
        if target is None:
            st.markdown(f"↪ {safe_markdown(reference['text'])}: *{tr('reference_unresolved')}*")
            continue
        place = ", ".join(part for part in (place_label(Location.from_dict(target["place"]), language()), pages_label(target["page"], language=language())) if part)
        st.markdown(f"↪ **{safe_markdown(target['document'])}, {safe_markdown(place)}**")
        st.caption(safe_markdown(target["text"]))
