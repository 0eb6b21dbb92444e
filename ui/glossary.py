"""Glossary page: every definition of the indexed regulations' Ketentuan Umum, searchable."""

from __future__ import annotations

import streamlit as st

from assistant.highlight import safe_markdown
from assistant.messages import t

from .texts import language


def render(assistant) -> None:
    """Draw the page for a loaded assistant.service.Assistant."""
    lang = language()  # the session's choice in the sidebar
    registers = assistant.registers()
    st.header(t("ui_glossary_title", lang))
    st.caption(t("ui_glossary_caption", lang, count=len(registers.definitions)))
    term = st.text_input(t("ui_glossary_term", lang), key="glossary_term").strip()
    sources = sorted({d.source for d in registers.definitions})
    chosen = st.multiselect(t("ui_document", lang), sources, format_func=registers.name, key="glossary_sources")
    found = registers.lookup(term) if term else list(registers.definitions)
    found = [d for d in found if not chosen or d.source in chosen]
    if not found:
        st.info(safe_markdown(t("term_not_defined", lang, term=term)) if term else t("glossary_empty", lang))
        return
    if term:
        for d in found:
            place = safe_markdown(f"{registers.name(d.source)}, Pasal {d.pasal} angka {d.angka}")
            st.markdown(f"**{place}**" + (f" · hlm. {d.page}" if d.page else ""))
            st.markdown(safe_markdown(d.definition))
    rows = [registers.definition_row(d) for d in found]
    st.dataframe(
        [{"istilah": r["term"], "singkatan": r["alias"] or "", "dokumen": r["citation"], "definisi": r["definition"]} for r in rows],
        use_container_width=True,
        hide_index=True,
    )
