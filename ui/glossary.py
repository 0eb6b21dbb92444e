"""Glossary page: every definition of the indexed regulations' Ketentuan Umum, searchable."""

from __future__ import annotations

import streamlit as st

from assistant.highlight import safe_markdown
from assistant.presentation import provision_label

from .texts import language, tr


def render(assistant) -> None:
    """Draw the page for a loaded assistant.service.Assistant."""
    registers = assistant.registers()
    st.header(tr("ui_glossary_title"))
    st.caption(tr("ui_glossary_caption", count=len(registers.definitions)))
    term = st.text_input(tr("ui_glossary_term"), key="glossary_term").strip()
    sources = sorted({d.source for d in registers.definitions})
    chosen = st.multiselect(tr("ui_document"), sources, format_func=registers.name, key="glossary_sources", placeholder=tr("choose_many"))
    found = registers.lookup(term) if term else list(registers.definitions)
    found = [d for d in found if not chosen or d.source in chosen]
    if not found:
        st.info(tr("term_not_defined", term=term) if term else tr("glossary_empty"))
        return
    if term:
        for d in found:
            place = provision_label(d.pasal, angka=d.angka, page=d.page, language=language())
            st.markdown(f"**{safe_markdown(registers.name(d.source))}, {safe_markdown(place)}**")
            st.markdown(safe_markdown(d.definition))
    rows = [registers.definition_row(d) for d in found]
    st.dataframe(
        [{"term": r["term"], "alias": r["alias"] or "", "citation": r["citation"], "definition": r["definition"]} for r in rows],
        column_config={
            "term": tr("ui_glossary_term"),
            "alias": tr("col_alias"),
            "citation": tr("col_citation"),
            "definition": st.column_config.TextColumn(tr("col_definition"), width="large"),
        },
        width="stretch",
        hide_index=True,
    )
