"""Streamlit app, kept thin: the pages live in `ui/`, every decision in `assistant/`.

Adding a page is one line in PAGES: a module with `render(assistant)`.
"""

from __future__ import annotations

import streamlit as st

from assistant.config import ConfigError
from ingest.index import IndexStateError
from ui import chat, glossary, library, obligations, sidebar, state, upload
from ui.texts import tr

st.set_page_config(page_title="Asisten Regulasi", page_icon="📜", layout="wide")

try:
    assistant = state.load_assistant()
except (ConfigError, IndexStateError) as error:
    st.error(tr("load_error", error=error))
    st.stop()
state.init_session(assistant.settings)

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
