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


def test_a_running_reader_sees_an_ingest_by_another_writer_at_its_next_question(tmp_path, embedder):
    """`asisten ingest` while the app runs: the catalog's version changed, so the next question reloads
    the corpus: a document added since is found, a removed one is no longer cited. A search that was
    already under way when the ingest committed still answers from its snapshot (vectors and passage
    records deleted under it: those it has not read yet are left out)."""
    corpus, index_dir = _indexed_v1(tmp_path, embedder)
    assistant = Assistant(load_settings(index=index_dir), embedder=embedder)
    under_way = assistant.retriever
    old = {p.source: p for p in Index(index_dir).catalog.passages() if p.kind == "pasal"}
    assert assistant.ask("Ketentuan 1 tentang wedang jahe d-jahe").hits[0].passage.source != "d-jahe.pdf"
    _write_v2(corpus)
    ingest([corpus], Index(index_dir), embedder, progress=False)  # another writer: d-jahe added, b-teh replaced, c-susu removed

    for source in ("b-teh.txt", "c-susu.txt"):
        assert under_way.search(old[source].text)
    assert assistant.ask("Ketentuan 1 tentang wedang jahe d-jahe").hits[0].passage.source == "d-jahe.pdf"
    assert all(hit.passage.source != "c-susu.txt" for hit in assistant.ask(old["c-susu.txt"].text).hits)
    assert assistant.retriever is not under_way and not assistant.retriever.corpus.stale()