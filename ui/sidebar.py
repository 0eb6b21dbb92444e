"""The sidebar on every page: language, document filters, passages per answer, answer mode, index status."""

from __future__ import annotations

import streamlit as st

from assistant import Assistant
from assistant.llm import remote_llm_url

from . import state
from .dimensions import dimension_filter
from .texts import language, tr


def _filters(assistant: Assistant) -> None:
    documents = assistant.documents()
    with st.expander(tr("filters"), expanded=bool(state.filters())):
        st.multiselect(tr("jenis"), sorted({d.jenis for d in documents.values() if d.jenis}), key="filter_jenis")
        st.multiselect(tr("tahun"), sorted({d.tahun for d in documents.values() if d.tahun}, reverse=True), key="filter_tahun")
        st.multiselect(
            tr("document"),
            sorted(documents, key=lambda source: documents[source].short_name),
            format_func=lambda source: documents[source].short_name if source in documents else source,
            key="filter_source",
        )
        dimension_filter(language(), container=st)


def _status(assistant: Assistant) -> None:
    status = assistant.status()
    st.markdown(f"**{tr('status')}**")
    st.caption(tr("status_counts", documents=status.documents, passages=status.passages))
    when = status.last_ingest.replace("T", " ").removesuffix("+00:00") if status.last_ingest else None
    st.caption(tr("last_ingest", when=when) if when else tr("never"))
    if status.pending_vectors:
        st.caption(tr("vectors_pending_status", pending=status.pending_vectors))


def render(assistant: Assistant) -> None:
    with st.sidebar:
        st.radio(tr("language"), ["id", "en"], key="language", format_func=lambda code: {"id": "Indonesia", "en": "English"}[code], horizontal=True)
        _filters(assistant)
        st.slider(tr("top_k"), 1, 10, key="top_k")
        modes = state.answer_modes(assistant.settings)
        if st.session_state.get("answer_mode") not in modes:
            st.session_state["answer_mode"] = state.EXTRACTIVE
        st.radio(tr("mode"), modes, key="answer_mode", format_func=lambda m: tr("extractive") if m == state.EXTRACTIVE else m)
        _remote_llm_notice(assistant)
        _status(assistant)


def _remote_llm_notice(assistant: Assistant) -> None:
    """Says so when the configured LLM is on another machine (only possible with ASISTEN_ALLOW_REMOTE_LLM)."""
    settings = assistant.settings
    url = remote_llm_url(settings.llm, settings)
    if url and settings.allow_remote_llm:
        st.warning(tr("remote_llm", model=settings.llm, url=url), icon="🌐")
