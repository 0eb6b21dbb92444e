"""The upload page: after the admin secret, add PDF, DOCX, HTML, Markdown or TXT files to the corpus and index them."""

from __future__ import annotations

import streamlit as st

from assistant.service import Assistant
from assistant.uploads import add_document, secret_matches
from ingest.loaders import SUPPORTED_SUFFIXES

from .texts import language, tr


def _sign_in(assistant: Assistant) -> None:
    secret = st.text_input(tr("secret"), type="password", key="admin_secret_input")
    if st.button(tr("login"), key="admin_login"):
        if secret_matches(secret, assistant.settings.admin_secret):
            st.session_state["admin"] = True
            st.rerun()
        st.error(tr("wrong_secret"))


def _index_files(assistant: Assistant, files: list, replace: bool) -> None:
    progress = st.progress(0.0)
    ok = failed = 0
    for i, file in enumerate(files):
        progress.progress(i / len(files), text=tr("indexing", name=file.name, i=i + 1, n=len(files)))
        result = add_document(assistant, file.name, file.getvalue(), replace=replace)
        if result.status == "indexed":
            ok += 1
            st.success(tr("result_indexed", name=result.source, pages=result.pages, passages=result.passages))
        elif result.status == "unchanged":
            ok += 1
            st.info(tr("result_unchanged", name=result.source))
        else:
            failed += 1
            st.error(tr("result_failed", name=result.source, message=result.describe(language())))
    if ok:
        assistant.reload()  # every session shares this assistant: all see the new documents
    progress.progress(1.0, text=tr("upload_done", ok=ok, failed=failed))


def render(assistant: Assistant) -> None:
    st.title(tr("upload_title"))
    settings = assistant.settings
    if not settings.admin_secret:
        st.info(tr("upload_disabled"))
        return
    if not st.session_state.get("admin"):
        _sign_in(assistant)
        return
    files = st.file_uploader(
        tr("uploader", mb=settings.max_file_mb),
        type=[suffix.lstrip(".") for suffix in SUPPORTED_SUFFIXES],
        accept_multiple_files=True,
        max_upload_size=settings.max_file_mb,  # the browser refuses bigger files before sending them
        key="upload_files",
    )
    replace = st.checkbox(tr("replace"), key="upload_replace")
    if st.button(tr("start"), disabled=not files, key="upload_start"):
        _index_files(assistant, files, replace)
    if st.button(tr("logout"), key="admin_logout"):
        st.session_state["admin"] = False
        st.rerun()
