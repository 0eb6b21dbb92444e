"""The "Pustaka" page: every indexed document with its metadata; one opened shows its structure and any part in full."""

from __future__ import annotations

import streamlit as st

from assistant import Assistant, LibraryEntry, TreeNode
from assistant.highlight import highlight_html, safe_markdown

from .citation import metadata_line, show_pages
from .texts import tr


def _table(entries: list[LibraryEntry]) -> None:
    rows = [
        {
            tr("col_document"): entry.document.short_name,
            tr("meta_jenis"): entry.document.jenis or "",
            tr("meta_nomor"): entry.document.nomor or "",
            tr("meta_tahun"): entry.document.tahun,
            tr("meta_tentang"): entry.document.tentang or "",
            tr("col_pages"): entry.document.pages,
            tr("col_passages"): entry.passages,
            tr("col_source"): entry.document.source,
            tr("col_ingested"): entry.ingested_at.replace("T", " ").removesuffix("+00:00"),
        }
        for entry in entries
    ]
    st.dataframe(rows, hide_index=True, width="stretch")


def _outline(node: TreeNode, depth: int = 0) -> list[str]:
    """Nested Markdown list of the headings below `node`."""
    lines = []
    for child in node.children:
        pages = f" _(hlm. {child.pages})_" if child.pages else ""
        lines.append(f"{'  ' * depth}- {safe_markdown(child.label)}{pages}")
        lines += _outline(child, depth + 1)
    return lines


def _readable_parts(node: TreeNode, trail: tuple[str, ...] = ()) -> list[tuple[str, TreeNode]]:
    """(path label, node) of every heading that has text of its own, in reading order."""
    parts = []
    for child in node.children:
        path = (*trail, child.label)
        if child.passages:
            parts.append((" › ".join(path), child))
        parts += _readable_parts(child, path)
    return parts


def _document(assistant: Assistant, entry: LibraryEntry) -> None:
    document = entry.document
    st.subheader(safe_markdown(document.short_name))
    st.markdown(safe_markdown(document.title))
    st.caption(metadata_line(document))
    tree = assistant.structure(document.source)
    with st.expander(tr("structure"), expanded=False):
        st.markdown("\n".join(_outline(tree)))
    parts = _readable_parts(tree)
    if not parts:
        return
    labels = [label for label, _ in parts]
    chosen = st.selectbox(tr("read"), range(len(parts)), format_func=labels.__getitem__, key=f"read-{document.source}")
    label, node = parts[chosen]
    st.markdown(f"**{safe_markdown(label)}**" + (f" · hlm. {node.pages}" if node.pages else ""))
    text_column, page_column = st.columns(2)
    text_column.html(highlight_html(node.text(), frozenset()))
    with page_column:
        show_pages(assistant, document, *node.page_range, key=f"library-{document.source}")


def render(assistant: Assistant) -> None:
    st.title(tr("library_title"))
    st.caption(tr("library_caption"))
    entries = assistant.library()
    if not entries:
        st.info(tr("library_empty"))
        return
    query = st.text_input(tr("library_search"), key="library_query").strip().lower()
    if query:
        entries = [e for e in entries if query in f"{e.document.short_name} {e.document.title} {e.document.source}".lower()]
    _table(entries)
    if not entries:
        return
    names = {entry.document.source: entry for entry in entries}
    source = st.selectbox(tr("open_document"), list(names), format_func=lambda s: f"{names[s].document.short_name} — {s}", key="library_document")
    _document(assistant, names[source])
