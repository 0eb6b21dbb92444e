"""Lexical first, vectors behind: a new document answers before it is embedded, and nothing is lost
when the embedding is killed (issue 16)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

from assistant.background import embed_in_background
from assistant.config import load_settings
from assistant.service import Assistant
from assistant.uploads import add_document
from ingest.index import Index
from ingest.pipeline import EMBED_BATCH, embed_pending, ingest

from .conftest import CORPUS, ROOT
from .test_ui_modules import pp38_excerpt, writable_assistant  # noqa: F401 (a pytest fixture)

# A real regulation, cut to a size that embeds in seconds (the answer path, not the model, is under test).
SOURCE = CORPUS / "uu-25-2009-pelayanan-publik.md"


def _excerpt(folder, end_marker: str) -> None:
    folder.mkdir()
    text = SOURCE.read_text(encoding="utf-8")
    (folder / "uu-25-2009-cuplikan.md").write_text(text[: text.find(end_marker)], encoding="utf-8")


def _wait_until(condition, seconds: float = 600) -> bool:
    """Poll a condition on a shared machine; the bound only stops a hung test, it measures nothing."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_a_document_answers_before_its_vectors_and_embedding_completes_it(tmp_path, embedder):
    _excerpt(tmp_path / "corpus", "Pasal 4")
    report = ingest([tmp_path / "corpus"], Index(tmp_path / "index"), embedder, progress=False, embed_now=False)
    assert report.count("indexed") == 1 and report.embedded == 0 and report.pending == report.passages > 0
    assert Index(tmp_path / "index").inconsistencies() == []  # waiting for a vector is a whole state

    assistant = Assistant(load_settings(index=tmp_path / "index"), embedder=embedder)
    answer = assistant.ask("Apa yang dimaksud dengan pelayanan publik?")
    assert answer.found and answer.hits[0].passage.source == "uu-25-2009-cuplikan.md"
    assert answer.pending_vectors == report.pending  # the answer says the dense side is incomplete

    index = Index(tmp_path / "index")
    embedded, _ = embed_pending(index, embedder)
    assert embedded > 0 and index.catalog.pending_count() == 0 and index.inconsistencies() == []
    passages = index.catalog.passages()
    stored = index.vectors([p.id for p in passages], embedder.dim)
    assert np.allclose(stored, embedder.embed_passages([p.search_text for p in passages]), atol=1e-5)
    assert Assistant(load_settings(index=tmp_path / "index"), embedder=embedder).ask("pelayanan publik").pending_vectors == 0


@pytest.mark.slow
def test_a_kill_during_embedding_loses_nothing_and_the_next_run_finishes(tmp_path, embedder):
    _excerpt(tmp_path / "corpus", "Pasal 40")
    # Enough passages for several embedder calls of EMBED_BATCH, whatever its size: the kill falls between two.
    pasal = [f"Pasal {n}\nArsip kegiatan nomor {n} disimpan oleh unit kearsipan selama {n + 1} tahun pada rak {n * 7}." for n in range(1, 4 * EMBED_BATCH)]
    (tmp_path / "corpus" / "perbup-contoh-arsip.md").write_text("PERATURAN BUPATI CONTOH NOMOR 1 TAHUN 2024\nTENTANG\nPENGELOLAAN ARSIP\n\n" + "\n\n".join(pasal), encoding="utf-8")
    index_dir = tmp_path / "index"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ASISTEN_EMBEDDING_CACHE": "off"}
    child = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "ingest", str(tmp_path / "corpus"), "--index", str(index_dir), "--quiet"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )

    def some_vectors_stored() -> bool:
        if not (index_dir / "catalog.sqlite").exists():
            return False
        catalog = Index(index_dir).catalog
        total = sum(count for _, count, _ in catalog.documents())
        return 0 < catalog.pending_count() < total

    assert _wait_until(lambda: some_vectors_stored() or child.poll() is not None)
    assert child.poll() is None, "the child finished before it could be killed between batches"
    child.send_signal(signal.SIGKILL)
    child.wait()

    index = Index(index_dir)
    waiting = index.catalog.pending_count()
    assert waiting > 0 and index.inconsistencies(orphan_vectors_ok=True) == []
    answer = Assistant(load_settings(index=index_dir), embedder=embedder).ask("Apa yang dimaksud dengan pelayanan publik?")
    assert answer.found and answer.hits[0].passage.source == "uu-25-2009-cuplikan.md"

    again = ingest([tmp_path / "corpus"], Index(index_dir), embedder, progress=False)
    assert again.count("unchanged") == 2  # nothing parsed again: only the missing vectors are made
    assert 0 < again.embedded <= waiting and again.pending == 0
    assert Index(index_dir).inconsistencies() == []


def test_an_upload_is_answerable_at_once_and_the_app_embeds_it_behind(writable_assistant):
    assistant = writable_assistant
    result = add_document(assistant, "pp-38-2017-cuplikan.md", pp38_excerpt())
    assert result.status == "indexed"
    assistant.reload()
    hits = assistant.ask("Apa yang dimaksud dengan inovasi daerah?").hits
    assert hits and hits[0].passage.source == "pp-38-2017-cuplikan.md"

    # A second upload while the first is being embedded waits for one batch, never "locked".
    second = add_document(assistant, "pp-38-2017-cuplikan-2.md", pp38_excerpt(30) + b"\n\nPasal 99\nCatatan unggahan kedua.")
    assert second.status == "indexed", second.describe()

    catalog = assistant.index.catalog
    assert _wait_until(lambda: catalog.pending_count() == 0), "background embedding never finished"
    ids = {p.id for p in catalog.passages("pp-38-2017-cuplikan.md")}
    query = assistant.embedder.embed_query("inovasi daerah adalah pembaharuan dalam penyelenggaraan pemerintahan daerah")
    found = {pid for pid, _ in assistant.index.dense_search(query, 20)}
    assert ids & found  # the app's own vector store sees what the background thread wrote
    assert embed_in_background(assistant) is None  # nothing left to do
