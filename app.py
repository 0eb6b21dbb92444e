"""Streamlit chat, kept thin: every decision lives in the `assistant` package."""

from __future__ import annotations

import streamlit as st

from assistant.answer import citation_label
from assistant.config import Settings, load_settings
from assistant.service import Assistant

st.set_page_config(page_title="Asisten Regulasi", page_icon="📜")


@st.cache_resource(show_spinner="Memuat indeks dan model…")
def get_assistant(settings: Settings) -> Assistant:
    """One loaded index and embedder per process and configuration, shared by every browser session."""
    return Assistant(settings)


st.title("Asisten Regulasi")
st.caption("Tanya jawab regulasi dengan kutipan: dokumen, Pasal/ayat, halaman.")

assistant = get_assistant(load_settings())
if assistant.is_empty:
    st.warning("Indeks masih kosong. Jalankan dulu: `asisten ingest`")
    st.stop()

question = st.text_input("Pertanyaan", placeholder="Apa yang dimaksud dengan Badan Publik?")
if question.strip():
    answer = assistant.ask(question.strip())
    st.markdown(answer.text.replace("\n", "  \n"))
    st.subheader("Sumber")
    for n, hit in enumerate(answer.hits, start=1):
        with st.expander(f"[{n}] {citation_label(hit)}", expanded=n in answer.quoted):
            st.caption(hit.passage.header)
            st.text(hit.passage.text)
