"""The app's words in the session's language, from the one catalog (ingest/messages.py)."""

from __future__ import annotations

import streamlit as st

from assistant import UserError, t
from assistant.highlight import safe_markdown

# Shown on an empty chat: the questions a new employee of the Pemkab is likely to ask first. They are sample
# input in the documents' language (as a user would type it), not the app's wording, so not in the catalog.
EXAMPLE_QUESTIONS = (
    "Apa saja dimensi smart city Kabupaten Blitar?",
    "Apa yang dimaksud dengan Badan Publik?",
    "Apa yang dimaksud dengan Sistem Pemerintahan Berbasis Elektronik?",
    "Berapa hari kerja Badan Publik wajib menanggapi permintaan informasi secara tertulis?",
    "Apa yang dimaksud dengan Inovasi Daerah?",
)


def language() -> str:
    return st.session_state.get("language", "id")


def tr(key: str, **values: object) -> str:
    """The UI text for `key` in the session's language, as Markdown; the values (file names, errors, the
    user's query) may come from documents or users, so they are shown as written (assistant/highlight.py)."""
    return t(key, language(), **{name: safe_markdown(str(value)) for name, value in values.items()})


def error_text(error: Exception) -> str:
    """What went wrong, in the session's language: a `UserError` through the catalog, anything else as raised."""
    return error.message(language()) if isinstance(error, UserError) else str(error)
