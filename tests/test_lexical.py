"""BM25 as the retriever computes it (ingest/lexical.py) against bm25s's own scoring and selection."""

from __future__ import annotations

import numpy as np

from ingest.lexical import LexicalIndex

WORDS = ["badan", "publik", "informasi", "hari", "kerja", "wajib", "pasal", "sekretariat", "tugas", "data"]


def _index(passages: int = 400, seed: int = 3) -> tuple[LexicalIndex, list[list[str]]]:
    rng = np.random.default_rng(seed)
    token_lists = [list(rng.choice(WORDS, size=rng.integers(1, 12))) for _ in range(passages)]
    token_lists += [["badan", "publik"]] * 5  # identical passages: equal scores
    return LexicalIndex.build([f"p{i:04d}" for i in range(len(token_lists))], token_lists), token_lists


def test_scores_are_bm25s_own_bit_for_bit():
    lexical, _ = _index()
    for query in (["badan"], ["badan", "publik", "hari"], ["wajib", "wajib", "data"]):
        expected = np.asarray(lexical._retriever.get_scores(query), dtype=np.float64)
        got = lexical.weighted_scores([(query, 1.0, ())], lexical.ids)
        assert [got[pid] for pid in lexical.ids] == expected.tolist()


def test_search_ranks_by_score_then_reading_order_and_respects_the_filter():
    lexical, token_lists = _index()
    query = ["badan", "publik"]
    scores = np.asarray(lexical._retriever.get_scores(query), dtype=np.float64)
    expected = [lexical.ids[row] for row in np.argsort(-scores, kind="stable") if scores[row] > 0][:20]
    found = lexical.search(query, 20)
    assert [pid for pid, _ in found] == expected
    assert [score for _, score in found] == sorted((score for _, score in found), reverse=True)
    identical = lexical.ids[-5:]
    everything = lexical.search(query, len(lexical.ids))
    assert [pid for pid, _ in everything if pid in identical] == identical  # equal scores, in reading order
    assert len({score for pid, score in everything if pid in identical}) == 1
    allowed = {pid for pid, tokens in zip(lexical.ids, token_lists) if "hari" in tokens}
    filtered = lexical.search(query, 20, allowed)
    assert filtered and {pid for pid, _ in filtered} <= allowed
    assert [pid for pid, _ in filtered] == [pid for pid, _ in lexical.search(query, len(lexical.ids)) if pid in allowed][:20]


def test_a_reader_shares_its_ids_only_when_they_are_the_same_passages_in_order():
    lexical, _ = _index(passages=50)
    same = list(lexical.ids)
    rows = {pid: i for i, pid in enumerate(same)}
    lexical.share_rows(same, rows)
    assert lexical.ids is same and lexical.search(["badan"], 3)
    other, _ = _index(passages=50)
    reordered = list(reversed(other.ids))
    other.share_rows(reordered, {pid: i for i, pid in enumerate(reordered)})
    assert other.ids is not reordered and other.search(["badan"], 3) == lexical.search(["badan"], 3)
