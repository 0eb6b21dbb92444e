"""The upload page: after the admin secret, add PDF, DOCX, HTML, Markdown or TXT files to the corpus and index them.

Guarded like a login: a weak or placeholder secret keeps uploads off, wrong secrets make the
session wait longer each time, an idle admin session ends, and every attempt goes to the audit log
shown at the bottom of the page.
"""

from __future__ import annotations

import math
import time

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from assistant import SUPPORTED_SUFFIXES, Assistant, Settings
from assistant.audit import AuditLog
from assistant.uploads import MIN_SECRET_CHARS, AdminGate, add_document, secret_problem

from .texts import language, tr

AUDIT_ROWS_SHOWN = 100


def _who() -> str:
    """The browser session, as the audit log names it."""
    context = get_script_run_ctx()
    return context.session_id if context else "admin"


def _gate(settings: Settings) -> AdminGate:
    return st.session_state.setdefault("admin_gate", AdminGate(idle_seconds=settings.admin_idle_minutes * 60))


def _wait_message(gate: AdminGate) -> None:
    wait = gate.wait(time.monotonic())
    if wait:
        st.warning(tr("login_wait", seconds=math.ceil(wait)))


def _sign_in(settings: Settings, gate: AdminGate, audit: AuditLog) -> None:
    if gate.timed_out:
        st.info(tr("session_expired", minutes=settings.admin_idle_minutes))
    secret = st.text_input(tr("secret"), type="password", key="admin_secret_input")
    if st.button(tr("login"), key="admin_login"):
        outcome = gate.try_secret(secret, settings.admin_secret, time.monotonic())
        if outcome == "ok":
            audit.record(_who(), "login")
            st.rerun()
        audit.record(_who(), "login-failed", outcome=outcome)
        if outcome == "wrong":
            st.error(tr("wrong_secret"))
    _wait_message(gate)


def _index_files(assistant: Assistant, files: list, replace: bool) -> None:
    progress = st.progress(0.0)
    ok = failed = 0
    for i, file in enumerate(files):
        progress.progress(i / len(files), text=tr("indexing", name=file.name, i=i + 1, n=len(files)))
        result = add_document(assistant, file.name, file.getvalue(), replace=replace, who=_who())
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


def _check_upload_limit(settings: Settings) -> None:
    """Streamlit's own cap (config.toml) and ours must agree: the server holds up to its cap in memory."""
    server_mb = st.get_option("server.maxUploadSize")
    if server_mb != settings.max_file_mb:
        st.warning(tr("upload_limit_mismatch", server=server_mb, mb=settings.max_file_mb))


def _audit_table(audit: AuditLog) -> None:
    st.subheader(tr("audit_title"))
    rows = [
        {
            tr("audit_at"): entry.at,
            tr("audit_who"): entry.who,
            tr("audit_action"): entry.action,
            tr("audit_file"): entry.file,
            tr("audit_outcome"): entry.outcome,
            "sha256": entry.sha256,
        }
        for entry in audit.entries(AUDIT_ROWS_SHOWN)
    ]
    st.dataframe(rows, hide_index=True, width="stretch")  # cells are plain data, never Markdown


def render(assistant: Assistant) -> None:
    st.title(tr("upload_title"))
    settings = assistant.settings
    problem = secret_problem(settings.admin_secret)
    if problem == "missing":
        st.info(tr("upload_disabled"))
        return
    if problem:
        st.warning(tr(f"upload_disabled_{problem}", min=MIN_SECRET_CHARS))
        return
    gate, audit = _gate(settings), AuditLog(settings.audit_path)
    if not gate.active(time.monotonic()):
        _sign_in(settings, gate, audit)
        return
    _check_upload_limit(settings)
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
        gate.sign_out()
        audit.record(_who(), "logout")
        st.rerun()
    _audit_table(audit)
