"""Obligations register page: norms per actor with their Pasal, filterable, downloadable as CSV."""

from __future__ import annotations

import streamlit as st

from assistant.messages import t
from assistant import MODALITY_CHOICES

from .texts import language, tr


def render(assistant) -> None:
    """Draw the page for a loaded assistant.service.Assistant."""
    lang = language()  # the session's choice in the sidebar
    registers = assistant.registers()
    st.header(t("ui_obligations_title", lang))
    st.caption(t("ui_obligations_caption", lang))
    actor = st.text_input(t("ui_actor", lang), key="obligations_actor", placeholder="Badan Publik").strip()
    sources = sorted({o.source for o in registers.obligations})
    chosen = st.multiselect(t("ui_document", lang), sources, format_func=registers.name, key="obligations_sources")
    modalities = st.multiselect(t("ui_modality", lang), list(MODALITY_CHOICES), key="obligations_modalities")
    rows = [
        o
        for o in registers.obligations_for(actor or None)
        if (not chosen or o.source in chosen) and (not modalities or o.modality in modalities)
    ]
    st.write(t("obligations_total", lang, count=len(rows)))
    table = [registers.obligation_row(o) for o in rows]
    for row in table:  # a norm whose sentence names no actor (a passive without "oleh ...")
        row["pelaku"] = row["pelaku"] or tr("actor_not_stated")
    st.dataframe(table, use_container_width=True, hide_index=True)
    st.download_button(
        t("ui_download_csv", lang),
        registers.obligations_csv(rows),
        file_name="register-kewajiban.csv",
        mime="text/csv",
        key="obligations_csv",
    )
