"""Uploaded names and bytes are untrusted: safe names inside the corpus, clear refusals; the upload
path is all or nothing for the corpus folder, guarded by the admin gate and written to the audit log."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import sqlite3
import threading
import time
import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from assistant.audit import AuditLog
from assistant.config import Settings, load_settings
from assistant.service import Assistant
from assistant.uploads import FIRST_WAIT_SECONDS, AdminGate, add_document, secret_problem
from ingest.catalog import Catalog
from ingest.index import Index
from ingest.lock import IngestLock
from ingest.pipeline import ingest
from ingest.problems import LoadError
from ingest.uploads import MAX_NAME_BYTES, safe_filename, save_upload

from .conftest import ROOT, SMALL_SET
from .make_files import write_regulation_pdf
from .test_ui_modules import pp38_excerpt, writable_assistant  # noqa: F401 (a pytest fixture)

UU = SMALL_SET[0]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Perbup Blitar 116 2022.pdf", "Perbup-Blitar-116-2022.pdf"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\Windows\\SALINAN Perda.PDF", "SALINAN-Perda.pdf"),
        ("Peraturan Wali Kota Café – ü.docx", "Peraturan-Wali-Kota-Café-ü.docx"),
        (".hidden.md", "hidden.md"),
        ("..", "dokumen"),
        ("a\x00b\nc.txt", "abc.txt"),
        ("$(rm -rf ~);.html", "(rm-rf-).html"),
        ("ＰＥＲＢＵＰ／..／ﬁle.PDF", "file.pdf"),  # NFKC: fullwidth slash is a slash, the ligature two letters
    ],
)
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


def test_save_upload_stays_inside_the_corpus_and_never_overwrites(tmp_path):
    corpus = tmp_path / "corpus"
    pdf = write_regulation_pdf(tmp_path / "x.pdf", "kopi").read_bytes()
    first = save_upload(pdf, "../../../luar/Perbup Kopi.pdf", corpus, 10_000_000)
    assert first == corpus / "Perbup-Kopi.pdf" and first.read_bytes() == pdf
    other = write_regulation_pdf(tmp_path / "y.pdf", "teh").read_bytes()
    second = save_upload(other, "Perbup Kopi.pdf", corpus, 10_000_000)
    assert second == corpus / "Perbup-Kopi-2.pdf" and first.read_bytes() == pdf
    assert sorted(p.name for p in corpus.iterdir()) == ["Perbup-Kopi-2.pdf", "Perbup-Kopi.pdf"]  # no temp files left
    assert not (tmp_path / "luar").exists()


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "kosong.pdf", "empty_file"),
        (b"\x89PNG\r\n\x1a\n" + b"0" * 50, "foto.pdf", "wrong_type"),
        (b"PK\x03\x04" + b"0" * 50, "arsip.pdf", "wrong_type"),
        (b"%PDF-1.4 hello", "surat.docx", "wrong_type"),
        (b"x" * 2000, "besar.txt", "too_large"),
        (b"hello", "program.exe", "unsupported"),
        (b"\x00\x01binary", "catatan.txt", "not_text"),
    ],
)
def test_save_upload_refuses_bad_files_with_a_problem(tmp_path, data, name, code):
    with pytest.raises(LoadError) as error:
        save_upload(data, name, tmp_path / "corpus", max_bytes=1000)
    assert error.value.problem.code == code
    assert not list((tmp_path / "corpus").glob("*")) if (tmp_path / "corpus").exists() else True


def test_save_upload_refuses_a_duplicate_and_names_the_original(tmp_path):
    corpus = tmp_path / "corpus"
    save_upload(b"Pasal 1\nIsi.", "asli.txt", corpus, 1000)
    with pytest.raises(LoadError) as error:
        save_upload(b"Pasal 1\nIsi.", "salinan.txt", corpus, 1000)
    assert error.value.problem.code == "duplicate" and "asli.txt" in str(error.value)


def test_a_long_cjk_name_is_cut_to_whole_characters_within_the_byte_limit(tmp_path):
    name = "規則" * 60 + ".txt"  # 120 characters, 360 bytes: more than a Linux file name may hold
    cleaned = safe_filename(name)
    encoded = cleaned.encode("utf-8")
    assert len(encoded) <= MAX_NAME_BYTES and cleaned.endswith(".txt") and cleaned.startswith("規則規則")
    assert encoded.decode("utf-8") == cleaned and len(cleaned.removesuffix(".txt")) == (MAX_NAME_BYTES - 4) // 3
    assert len(f".{cleaned}.previous".encode("utf-8")) <= 255  # the upload's hidden working names fit too
    written = save_upload("Pasal 1\nIsi.".encode(), name, tmp_path / "corpus", 1000)
    assert written.name == cleaned and written.read_bytes() == b"Pasal 1\nIsi."


def snapshot(folder: Path) -> dict[str, str]:
    """sha256 of every file below `folder`, hidden ones included."""
    return {
        str(Path(root, name).relative_to(folder)): hashlib.sha256(Path(root, name).read_bytes()).hexdigest()
        for root, _, names in os.walk(folder)
        for name in names
    }


def test_upload_while_a_cli_ingest_holds_the_lock_says_locked_and_leaves_the_corpus_as_it_was(writable_assistant, tmp_path):
    assistant = writable_assistant
    corpus = assistant.settings.corpus
    before = snapshot(corpus)
    new_version = write_regulation_pdf(tmp_path / "baru.pdf", "kopi").read_bytes()
    with IngestLock(assistant.settings.index):
        replaced = add_document(assistant, UU, new_version, replace=True)
        added = add_document(assistant, "pp-38-2017-cuplikan.md", pp38_excerpt())
    assert (replaced.status, replaced.problem.code) == ("failed", "locked")
    assert (added.status, added.problem.code) == ("failed", "locked")
    assert "coba lagi" in replaced.describe("id") and "try again" in replaced.describe("en")
    assert snapshot(corpus) == before
    assert add_document(assistant, "pp-38-2017-cuplikan.md", pp38_excerpt()).status == "indexed"  # free again


def _disk_full_halfway(path: Path, data: bytes) -> int:
    with open(path, "wb") as handle:
        handle.write(data[: len(data) // 2])
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _read_only_index(catalog: Catalog, key: str, value: str) -> None:
    raise sqlite3.OperationalError("attempt to write a readonly database")


@pytest.mark.parametrize(
    ("target", "method", "fault"),
    [(Path, "write_bytes", _disk_full_halfway), (Catalog, "set_meta", _read_only_index)],
    ids=["disk-full-mid-write", "read-only-index-after-swap"],
)
@pytest.mark.parametrize("replacing", [True, False], ids=["replace", "new"])
def test_a_storage_fault_leaves_no_stray_file_and_says_so(writable_assistant, tmp_path, monkeypatch, target, method, fault, replacing):
    assistant = writable_assistant
    corpus = assistant.settings.corpus
    data = write_regulation_pdf(tmp_path / "baru.pdf", "kopi").read_bytes()
    before = snapshot(corpus)
    monkeypatch.setattr(target, method, fault)
    result = add_document(assistant, UU if replacing else "perbup-kopi.pdf", data, replace=replacing)
    monkeypatch.undo()
    assert (result.status, result.problem.code) == ("failed", "storage_failed")
    assert "disk penuh" in result.describe("id") and "disk is full" in result.describe("en")
    assert snapshot(corpus) == before


def test_replace_overwrites_only_a_regular_file_of_the_corpus_folder(writable_assistant, tmp_path, embedder):
    assistant = writable_assistant
    corpus = assistant.settings.corpus
    outside = tmp_path / "rahasia.md"
    outside.write_text("# Catatan pribadi\n\nJangan diganti.", encoding="utf-8")
    (corpus / "tautan.md").symlink_to(outside)
    elsewhere = tmp_path / "jdih"
    elsewhere.mkdir()
    (elsewhere / "perda.md").write_bytes(pp38_excerpt(30))
    assert ingest([elsewhere], assistant.index, embedder, progress=False).count("indexed") == 1
    for name in ("tautan.md", "perda.md"):
        result = add_document(assistant, name, pp38_excerpt(), replace=True)
        assert (result.status, result.problem.code) == ("failed", "not_replaceable"), name
    assert outside.read_text(encoding="utf-8").endswith("Jangan diganti.") and (corpus / "tautan.md").is_symlink()
    assert not (corpus / "perda.md").exists()
    assert add_document(assistant, "SOURCES.md", b"# catatan", replace=True).problem.code == "reserved_name"


def test_audit_log_is_append_only_with_utc_times(tmp_path):
    clock = iter([datetime(2026, 11, 29, 20, 0, tzinfo=timezone(timedelta(hours=7))), datetime(2026, 11, 29, 13, 5, tzinfo=timezone.utc)])
    path = tmp_path / "audit.sqlite"
    audit = AuditLog(path, clock=lambda: next(clock))
    audit.record("sesi-1", "login-failed", outcome="wrong")
    audit.record("admin", "upload", "perbup.pdf", "ab" * 32, "indexed")
    newest, oldest = audit.entries()
    assert (oldest.at, oldest.who, oldest.action, oldest.outcome) == ("2026-11-29T13:00:00+00:00", "sesi-1", "login-failed", "wrong")
    assert (newest.at, newest.file, newest.sha256) == ("2026-11-29T13:05:00+00:00", "perbup.pdf", "ab" * 32)
    with sqlite3.connect(path) as db:
        for statement in ("UPDATE audit SET who = 'x'", "DELETE FROM audit"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                db.execute(statement)
    assert len(audit.entries()) == 2


def test_every_upload_attempt_is_audited_with_its_sha256(writable_assistant):
    assistant = writable_assistant
    data = pp38_excerpt()
    assert add_document(assistant, "pp-38 cuplikan.md", data, who="sesi-abc").status == "indexed"
    add_document(assistant, "kosong.txt", b"", who="sesi-abc")
    refused, indexed = AuditLog(assistant.settings.audit_path).entries()
    assert (indexed.who, indexed.action, indexed.file, indexed.outcome) == ("sesi-abc", "upload", "pp-38-cuplikan.md", "indexed")
    assert indexed.sha256 == hashlib.sha256(data).hexdigest()
    assert (refused.file, refused.outcome) == ("kosong.txt", "empty_file")
    assert not assistant.settings.audit_path.is_relative_to(assistant.settings.index)  # survives deleting the index


def test_wrong_secrets_wait_doubling_and_a_blocked_attempt_is_not_compared():
    gate, secret = AdminGate(idle_seconds=1800), "sandi-yang-panjang-sekali"
    assert [gate.try_secret("salah", secret, now=t) for t in (0, 1, 2)] == ["wrong"] * 3
    assert gate.wait(2) == FIRST_WAIT_SECONDS
    assert gate.try_secret(secret, secret, now=3) == "wait" and not gate.active(3)  # even the right one
    assert gate.try_secret("salah", secret, now=4) == "wrong" and gate.wait(4) == 2 * FIRST_WAIT_SECONDS
    assert gate.try_secret("salah", secret, now=8) == "wrong" and gate.wait(8) == 4 * FIRST_WAIT_SECONDS
    assert gate.try_secret(secret, secret, now=16) == "ok" and gate.active(16)
    assert gate.try_secret("salah", secret, now=17) == "wrong" and gate.wait(17) == 0  # the count starts again


def test_an_idle_admin_session_ends():
    gate, secret = AdminGate(idle_seconds=30 * 60), "sandi-yang-panjang-sekali"
    assert gate.try_secret(secret, secret, now=0) == "ok"
    assert gate.active(29 * 60) and gate.active(58 * 60)  # activity keeps it open
    assert not gate.active(58 * 60 + 30 * 60 + 1) and gate.timed_out
    assert not gate.active(58 * 60 + 30 * 60 + 2)
    gate.sign_out()
    assert gate.try_secret(secret, secret, now=10_000) == "ok" and not gate.timed_out


def test_weak_and_documented_secrets_keep_uploads_off():
    documented = re.findall(r"ASISTEN_ADMIN_SECRET='([^']+)'", (ROOT / "README.md").read_text(encoding="utf-8"))
    assert documented and all(secret_problem(example) == "placeholder" for example in documented)
    assert secret_problem(None) == secret_problem("") == "missing"
    assert secret_problem("pendek-11ch") == "short"
    assert secret_problem("cukup-panjang") is None


def test_streamlit_upload_cap_matches_max_file_mb_and_errors_hide_details():
    import streamlit.config

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == Settings().max_file_mb
    details = config["client"]["showErrorDetails"]
    assert details in {option.value for option in streamlit.config.ShowErrorDetailsConfigOptions} and details in ("none", "type")


def test_symlinks_out_of_the_corpus_are_not_indexed_nor_served(tmp_path, embedder):
    from assistant.library import Library

    corpus, outside = tmp_path / "corpus", tmp_path / "luar"
    corpus.mkdir()
    outside.mkdir()
    (corpus / "perda.md").write_bytes(pp38_excerpt())
    (outside / "rahasia.md").write_bytes(pp38_excerpt(30).replace(b"Inovasi", b"Rahasia"))
    index = Index(tmp_path / "index")
    (corpus / "tautan.md").symlink_to(outside / "rahasia.md")
    first = {r.source: r for r in ingest([corpus], index, embedder, progress=False).results}
    assert first["perda.md"].status == "indexed"
    assert (first["tautan.md"].status, first["tautan.md"].problem.code) == ("skipped", "symlink_outside")
    assert "tautan.md" not in index.catalog.fingerprints()
    assert Library(index.catalog, corpus).source_file("perda.md") == corpus / "perda.md"

    # A link swapped in after ingest: the app must not serve the outside file in its place.
    (corpus / "perda.md").unlink()
    (corpus / "perda.md").symlink_to(outside / "rahasia.md")
    assert Library(index.catalog, corpus).source_file("perda.md") is None
    again = {r.source: r for r in ingest([corpus], index, embedder, progress=False).results}
    assert again["perda.md"].problem.code == "symlink_outside" and "perda.md" not in index.catalog.fingerprints()


def test_concurrent_first_questions_load_the_model_once(small_index, embedder, monkeypatch):
    import assistant.service as service

    loads = []

    def slow_counting_load(spec, settings):
        loads.append(spec)
        time.sleep(0.3)  # a model takes a while to load: long enough for the other thread to arrive
        return object()

    monkeypatch.setattr(service, "load_backend", slow_counting_load)
    assistant = Assistant(load_settings(index=small_index), embedder=embedder)
    results = []
    threads = [threading.Thread(target=lambda: results.append(assistant.backend("ollama:uji"))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert loads == ["ollama:uji"] and results[0] is results[1]
