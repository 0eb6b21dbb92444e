"""Readers and rebuilds against real damage: a corrupt Chroma store, a rebuild by another process while
a reader runs, and vectors deleted under a reader that loaded the catalog earlier."""

from __future__ import annotations

import json
import os
from pathlib import Path

from assistant.config import load_settings
from assistant.service import Assistant
from ingest.index import Index
from ingest.pipeline import ingest

from .test_cli import asisten
from .test_crash import _assert_consistent, _state, _write_v1, _write_v2

TEA = "Ketentuan 2 tentang teh manis teh berlaku bagi setiap perangkat daerah di Kabupaten Contoh."  # b-teh.txt, Pasal 2


def _indexed_v1(tmp_path: Path, embedder) -> tuple[Path, Path]:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    _write_v1(corpus)
    ingest([corpus], Index(index_dir), embedder, progress=False)
    return corpus, index_dir


def test_rebuild_recovers_a_corrupt_vector_store_and_keeps_the_corpus(tmp_path, embedder):
    corpus, index_dir = _indexed_v1(tmp_path, embedder)
    originals = {p.name: p.read_bytes() for p in corpus.iterdir()}
    clean = _state(index_dir)
    for file in (index_dir / "chroma").rglob("*"):
        if file.is_file():
            file.write_bytes(os.urandom(max(file.stat().st_size, 4096)))

    broken = asisten("ask", "--index", str(index_dir), "--json", TEA)
    assert broken.returncode == 2 and "asisten ingest --rebuild" in broken.stderr and "Traceback" not in broken.stderr
    rebuilt = asisten("ingest", str(corpus), "--index", str(index_dir), "--rebuild", "--quiet")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "3 dokumen diindeks" in rebuilt.stdout

    asked = asisten("ask", "--index", str(index_dir), "--json", TEA)
    assert asked.returncode == 0, asked.stderr
    assert json.loads(asked.stdout)["citations"][0]["text"] == TEA
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == originals
    assert not (index_dir / "chroma").exists()  # the damaged store was deleted, not opened
    assert _state(index_dir) == clean
    _assert_consistent(index_dir, [clean], embedder)


def test_a_running_reader_reopens_after_a_rebuild_by_another_process(tmp_path, embedder):
    corpus, index_dir = _indexed_v1(tmp_path, embedder)
    assistant = Assistant(load_settings(index=index_dir), embedder=embedder)
    before = assistant.ask(TEA)
    assert before.hits[0].passage.text == TEA

    rebuilt = asisten("ingest", str(corpus), "--index", str(index_dir), "--rebuild", "--quiet")
    assert rebuilt.returncode == 0, rebuilt.stderr
    after = assistant.ask(TEA)
    assert [hit.passage.id for hit in after.hits] == [hit.passage.id for hit in before.hits]
    assert assistant.index.generation == Index(index_dir).generation != ""  # the reader now reads the new generation


def test_a_reader_loaded_before_an_ingest_still_answers_about_replaced_documents(tmp_path, embedder):
    """The app keeps its catalog snapshot while `asisten ingest` replaces and removes documents."""
    corpus, index_dir = _indexed_v1(tmp_path, embedder)
    assistant = Assistant(load_settings(index=index_dir), embedder=embedder)
    old = {p.source: p for p in Index(index_dir).catalog.passages() if p.kind == "pasal"}
    _write_v2(corpus)
    ingest([corpus], Index(index_dir), embedder, progress=False)  # another writer: b-teh replaced, c-susu removed
    for source in ("b-teh.txt", "c-susu.txt"):
        answer = assistant.ask(old[source].text)
        assert answer.hits and answer.hits[0].passage.source == source  # found by BM25; its vector is gone
