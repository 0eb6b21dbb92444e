"""Obligations register page: norms per actor with their Pasal, filterable, downloadable as CSV."""

from __future__ import annotations

import streamlit as st

from assistant import MODALITY_CHOICES

from .texts import tr

# The norm sentence first and wide (it is what a reader scans for), then who bears it and where it is.
COLUMN_ORDER = ("teks", "pelaku", "modalitas", "dokumen", "pasal", "ayat", "halaman")


def _columns() -> dict:
    """Column headers in the session's language for the register's rows (assistant/registers.py)."""
    return {
        "teks": st.column_config.TextColumn(tr("col_norm"), width="large"),
        "pelaku": st.column_config.TextColumn(tr("col_actor"), width="medium"),
        "modalitas": tr("ui_modality"),
        "dokumen": st.column_config.TextColumn(tr("ui_document"), width="medium"),
        "pasal": tr("col_pasal"),
        "ayat": tr("col_ayat"),
        "halaman": tr("col_page"),
    }


def render(assistant) -> None:
    """Draw the page for a loaded assistant.service.Assistant."""
    registers = assistant.registers()
    st.header(tr("ui_obligations_title"))
    st.caption(tr("ui_obligations_caption"))
    actor = st.text_input(tr("ui_actor"), key="obligations_actor", placeholder="Badan Publik").strip()
    sources = sorted({o.source for o in registers.obligations})
    chosen = st.multiselect(tr("ui_document"), sources, format_func=registers.name, key="obligations_sources", placeholder=tr("choose_many"))
    modalities = st.multiselect(tr("ui_modality"), list(MODALITY_CHOICES), key="obligations_modalities", placeholder=tr("choose_many"))
    rows = [
        o
        for o in registers.obligations_for(actor or None)
        if (not chosen or o.source in chosen) and (not modalities or o.modality in modalities)
    ]
    st.write(tr("obligations_total", count=len(rows)))
    not_stated = tr("actor_not_stated")
    st.dataframe(
        [{**row, "pelaku": row["pelaku"] or not_stated} for row in map(registers.obligation_row, rows)],
        column_order=COLUMN_ORDER,
        column_config=_columns(),
        width="stretch",
        hide_index=True,
    )
    st.download_button(
        tr("ui_download_csv"),
        registers.obligations_csv(rows),
        file_name=tr("file_obligations"),
        mime="text/csv",
        key="obligations_csv",
    )
