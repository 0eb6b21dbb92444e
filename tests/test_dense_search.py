"""Dense search is exact below EXACT_SEARCH_MAX: the neighbours a brute-force comparison finds, the
filters as Chroma applies them, and vectors another process changed seen at the next question."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from ingest import index as index_module
from ingest.index import Index, chroma_where

QUESTIONS = (
    "berapa lama badan publik wajib menjawab permintaan informasi",
    "desa yang masih blank spot di Kabupaten Blitar",
)


def _brute_force(index: Index, query: np.ndarray, where: dict | None = None) -> dict[str, float]:
    """Every admitted passage's cosine similarity to the query, from the vectors Chroma stores."""
    stored = index.collection.get(where=where, include=["embeddings"])
    matrix = np.asarray(stored["embeddings"], dtype=np.float32)
    scores = (matrix / np.linalg.norm(matrix, axis=1, keepdims=True)) @ (query / np.linalg.norm(query))
    return dict(zip(stored["ids"], scores.tolist()))


def _assert_nearest(found: list[tuple[str, float]], every: dict[str, float], k: int) -> None:
    """The k best scores, each the passage's own: ids may swap only between equal scores."""
    best = sorted(every.values(), reverse=True)[:k]
    assert [score for _, score in found] == pytest.approx(best, abs=1e-5)
    assert all(every[pid] == pytest.approx(score, abs=1e-5) for pid, score in found)

@pytest.fixture(scope="module")
def index(small_index):
    return Index(small_index)


@pytest.mark.parametrize("question", QUESTIONS)
def test_the_nearest_passages_are_those_a_comparison_with_every_vector_finds(index, embedder, question):
    query = embedder.embed_query(question)
    found = index.dense_search(query, 20)
    _assert_nearest(found, _brute_force(index, query), 20)
    assert index.dense_search(query, 20) == found  # asked again: the same list, the same scores


def test_filters_admit_exactly_what_chroma_admits(index, embedder):
    passages = index.catalog.passages()
    documents = {document.source: document for document, _, _ in index.catalog.documents()}
    some_source = sorted(documents)[0]
    tags = sorted({tag for passage in passages for tag in passage.tags})[:2]
    assert tags, "the small corpus has tagged passages"
    clauses = [
        chroma_where(sources=[some_source]),
        chroma_where(jenis=[documents[some_source].jenis]),
        chroma_where(tahun=[2008, 2019]),
        chroma_where(tags=tags[:1]),
        chroma_where(tags=tags),
        chroma_where(jenis=[documents[some_source].jenis], tags=tags),
    ]
    query = embedder.embed_query(QUESTIONS[0])
    for where in clauses:
        admitted = set(index.collection.get(where=where, include=[])["ids"])
        found = index.dense_search(query, len(passages) + 10, where)
        assert {pid for pid, _ in found} == admitted, where
        _assert_nearest(found[:10], _brute_force(index, query, where), 10)


def test_a_document_removed_by_another_process_is_gone_at_the_next_question(small_index, embedder, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(small_index, copy)
    reader, writer = Index(copy), Index(copy)
    query = embedder.embed_query(QUESTIONS[1])
    nearest = reader.dense_search(query, 10)[0][0]
    source = reader.catalog.passages_by_id([nearest])[nearest].source
    removed = {passage.id for passage in reader.catalog.passages(source)}
    writer.remove_document(source)
    after = {pid for pid, _ in reader.dense_search(query, 10)}
    assert after and not after & removed

def test_above_the_exact_bound_chroma_s_graph_answers(index, embedder, monkeypatch):
    monkeypatch.setattr(index_module, "EXACT_SEARCH_MAX", 5)
    fresh = Index(index.dir)
    query = embedder.embed_query(QUESTIONS[0])
    result = fresh.collection.query(query_embeddings=[query], n_results=5, include=["distances"])
    assert [pid for pid, _ in fresh.dense_search(query, 5)] == result["ids"][0]


def test_equal_scores_are_chosen_by_passage_id_whatever_order_the_store_returns():
    """Two builds store the same vectors in different orders; a duplicated text gives equal scores, and the
    k-th place among them must go to the same passage in both."""
    ids = ["d", "a", "c", "b", "e"]
    scores = np.array([0.5, 0.9, 0.7, 0.7, 0.7], dtype=np.float32)
    for order in ([0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 0, 4, 1, 3]):
        permuted_ids = [ids[i] for i in order]
        chosen = index_module._best(scores[order], 3, permuted_ids)
        assert [permuted_ids[row] for row in chosen] == ["a", "b", "c"]
    assert [ids[row] for row in index_module._best(scores, 10, ids)] == ["a", "b", "c", "e", "d"]
