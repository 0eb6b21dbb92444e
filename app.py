"""Streamlit app, kept thin: the pages live in `ui/`, every decision in `assistant/`.

Adding a page is one line in PAGES: a module with `render(assistant)`.
"""

from __future__ import annotations

import streamlit as st

from assistant import load_settings
from ui import chat, glossary, library, obligations, sidebar, state, upload
from ui.texts import tr

st.set_page_config(page_title="Asisten Regulasi", page_icon="📜", layout="wide")

try:
    state.init_session(load_settings())  # first, so a start-up problem is told in the configured language
    assistant = state.load_assistant()
except state.START_ERRORS as error:
    st.error(state.start_error(error))
    st.stop()

PAGES = [
    state.page(chat.render, assistant, tr("page_chat"), "💬", "tanya", default=True),
    state.page(library.render, assistant, tr("page_library"), "📚", "pustaka"),
    state.page(glossary.render, assistant, tr("page_glossary"), "📖", "glosarium"),
    state.page(obligations.render, assistant, tr("page_obligations"), "⚖️", "kewajiban"),
    state.page(upload.render, assistant, tr("page_upload"), "⬆️", "unggah"),
]
navigation = st.navigation(PAGES)
sidebar.render(assistant)
navigation.run()
