"""The smart-city dimension / SPBE domain filter control, for the chat sidebar."""

from __future__ import annotations

import streamlit as st

from assistant import TAG_LABELS

from .texts import tr


def dimension_filter(container=None) -> tuple[str, ...]:
    """A multiselect of dimensions/domains; returns tag names for retrieval.Filters(dimension=...)."""
    where = container if container is not None else st.sidebar
    chosen = where.multiselect(
        tr("ui_dimension"),
        list(TAG_LABELS),
        format_func=TAG_LABELS.get,
        key="dimension_filter",
        help=tr("ui_dimension_help"),
        placeholder=tr("choose_many"),
    )
    return tuple(chosen)
