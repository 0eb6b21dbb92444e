"""Streamlit app, kept thin: the pages live in `ui/`, every decision in `assistant/`.

Adding a page is one line in PAGES: a module with `render(assistant)`.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from assistant import load_settings
from ui import chat, glossary, library, obligations, sidebar, state, upload
from ui.texts import tr

# A favicon of our own, served by the app: an emoji shows as an empty box without an emoji font, and a
# Material icon as favicon (a page's icon otherwise becomes one) is fetched from fonts.gstatic.com.
st.set_page_config(page_title="Asisten Regulasi", page_icon=str(Path(__file__).parent / "ui" / "favicon.png"), layout="wide")

try:
    state.init_session(load_settings())  # first, so a start-up problem is told in the configured language
    assistant = state.load_assistant()
except state.START_ERRORS as error:
    st.error(state.start_error(error))
    st.stop()

PAGES = [
    state.page(chat.render, assistant, tr("page_chat"), ":material/chat:", "tanya", default=True),
    state.page(library.render, assistant, tr("page_library"), ":material/library_books:", "pustaka"),
    state.page(glossary.render, assistant, tr("page_glossary"), ":material/menu_book:", "glosarium"),
    state.page(obligations.render, assistant, tr("page_obligations"), ":material/gavel:", "kewajiban"),
    state.page(upload.render, assistant, tr("page_upload"), ":material/upload_file:", "unggah"),
]
navigation = st.navigation(PAGES)
sidebar.render(assistant)
navigation.run()
