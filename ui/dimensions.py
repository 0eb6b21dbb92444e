"""The smart-city dimension / SPBE domain filter control, for the chat sidebar."""

from __future__ import annotations

import streamlit as st

from assistant import TAG_LABELS
from assistant.messages import t


def dimension_filter(language: str = "id", container=None) -> tuple[str, ...]:
    """A multiselect of dimensions/domains; returns tag names for retrieval.Filters(dimension=...)."""
    where = container if container is not None else st.sidebar
    chosen = where.multiselect(
        t("ui_dimension", language), list(TAG_LABELS), format_func=TAG_LABELS.get, key="dimension_filter", help=t("ui_dimension_help", language)
    )
    return tuple(chosen)
