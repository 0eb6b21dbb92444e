"""What lives per process (the loaded assistant) and what lives per browser session (the chat).

The embedder and the index load once per process and are shared by every session
(`st.cache_resource`); each session keeps its own history, filters and answer mode.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable
from uuid import uuid4

import streamlit as st

from assistant import (
    Answer,
    Assistant,
    CatalogTooNew,
    ConfigError,
    Embedder,
    EmbedderError,
    Filters,
    IndexStateError,
    IndexUnreadable,
    Settings,
    load_embedder,
    load_settings,
)

from assistant.background import embed_in_background

from .texts import language, tr

EXTRACTIVE = "extractive"
# What can stop the app from starting; each is shown as a message (`start_error`), never a traceback.
START_ERRORS = (ConfigError, EmbedderError, IndexStateError)


@st.cache_resource(show_spinner=False)
def _embedder(name: str) -> Embedder:
    return load_embedder(name)


@st.cache_resource(show_spinner="Memuat indeks dan model…")
def _assistant(settings: Settings) -> Assistant:
    """One loaded index per configuration, shared by every browser session of this process."""
    return Assistant(settings, embedder=_embedder(settings.embedder))


def load_assistant() -> Assistant:
    """The shared assistant; passages still waiting for vectors (an upload, `asisten ingest
    --defer-vectors`, a killed run) are embedded behind it while it answers."""
    assistant = _assistant(load_settings())
    embed_in_background(assistant.settings, assistant.embedder)
    return assistant


def start_error(error: Exception) -> str:
    """Why the app cannot start and what to do, in the session's language."""
    if isinstance(error, CatalogTooNew):
        return error.message(language())
    if isinstance(error, IndexUnreadable):
        return tr("index_unreadable", path=error.path, detail=error.detail)
    if isinstance(error, EmbedderError):
        return tr("embedder_error", error=error)
    return tr("load_error", error=error)


@dataclass
class Turn:
    """One question and its answer in a session's chat, with the feedback given on it."""

    answer: Answer
    mode: str
    id: str = field(default_factory=lambda: uuid4().hex[:12])
    feedback_id: int | None = None  # row in the feedback store once rated


def init_session(settings: Settings) -> None:
    st.session_state.setdefault("language", settings.language)
    st.session_state.setdefault("turns", [])
    st.session_state.setdefault("top_k", settings.top_k)
    st.session_state.setdefault("answer_mode", EXTRACTIVE)


def turns() -> list[Turn]:
    return st.session_state.setdefault("turns", [])


def answer_modes(settings: Settings) -> list[str]:
    """Extractive always; the configured LLM (`ollama:…`, `openai:…`, `llamacpp:…`) when there is one."""
    return [EXTRACTIVE] + ([settings.llm] if settings.llm != "none" else [])


def filters() -> Filters:
    """The sidebar's document filters of this session."""
    return Filters(
        jenis=tuple(st.session_state.get("filter_jenis", ())),
        tahun=tuple(st.session_state.get("filter_tahun", ())),
        source=tuple(st.session_state.get("filter_source", ())),
        dimension=tuple(st.session_state.get("dimension_filter", ())),
    )


def page(render: Callable[[Assistant], None], assistant: Assistant, title: str, icon: str, url_path: str, default: bool = False):
    """A navigation entry for a page module's `render(assistant)`; app.py lists one per page."""
    return st.Page(lambda: render(assistant), title=title, icon=icon, url_path=url_path, default=default)
