"""The corpus read model keeps only ranking fields in memory and reads passages from the catalog on demand."""

from __future__ import annotations

import math
import re
import shutil
import sqlite3
from collections import Counter

import pytest

from assistant.corpus import Corpus
from ingest.catalog import Catalog
from ingest.index import CATALOG, Index


def test_fields_in_memory_match_the_stored_passages(small_index):
    index = Index(small_index)
    corpus = Corpus(index, cache_size=5)
    stored = index.catalog.passages()
    assert corpus.ids() == [p.id for p in stored]
    for passage in stored:
        assert (corpus.source_of(passage.id), corpus.kind_of(passage.id), corpus.pasal_of(passage.id)) == (passage.source, passage.kind, passage.pasal)
        assert all(passage.id in corpus.tagged(tag) for tag in passage.tags)
    assert corpus.passages([p.id for p in stored]) == stored  # read through a cache smaller than the corpus
    # A document's passages in reading order, without the retrieval units folded into them (ingest/units.py).
    assert corpus.passages_of(stored[0].source) == [p for p in stored if p.source == stored[0].source and not p.parent]


def test_a_document_mentions_a_pattern_without_filling_the_passage_cache(small_index):
    index = Index(small_index)
    corpus = Corpus(index, cache_size=5)
    passage = index.catalog.passages()[0]
    words = passage.text.split()[:3]
    assert corpus.mentions(passage.source, re.compile(r"\W+".join(map(re.escape, words))))
    assert not corpus.mentions(passage.source, re.compile("kata yang tidak ada di dokumen mana pun"))
    assert not corpus.mentions("tidak-ada.pdf", re.compile(re.escape(words[0])))
    assert not corpus._cache  # a whole document read past the cache


def test_idf_from_the_postings_equals_idf_counted_from_the_tokens(small_index):
    """The lexical index's postings give the same document frequencies as the catalog's token lists."""
    index = Index(small_index)
    corpus = Corpus(index)
    ids, token_lists = index.catalog.ids_and_tokens()
    frequencies = Counter(token for tokens in token_lists for token in set(tokens))
    assert frequencies and all(corpus.idf(t) == math.log(1 + len(ids) / df) for t, df in frequencies.items())
    assert corpus.idf("kata-yang-tidak-ada") == math.log(1 + len(ids))


def test_a_catalog_written_before_the_fields_table_gets_it_filled(small_index, tmp_path):
    copy = tmp_path / CATALOG
    shutil.copy(small_index / CATALOG, copy)
    expected = list(Catalog(copy).ranking_fields())
    with sqlite3.connect(copy) as db:  # as the release before migration step 3 left it
        db.execute("DROP TABLE passage_fields")
        db.execute("PRAGMA user_version = 2")
    assert list(Catalog(copy).ranking_fields()) == expected and expected


def test_every_write_bumps_the_catalog_version(small_index, tmp_path):
    copy = tmp_path / CATALOG
    shutil.copy(small_index / CATALOG, copy)
    catalog = Catalog(copy)
    document, _, _ = catalog.documents()[0]
    passages = catalog.passages(document.source)
    tokens = [["kata"]] * len(passages)
    before = catalog.version()
    catalog.replace(document, passages, tokens, "sidik", "asal")
    assert catalog.version() == before + 1
    catalog.remove(document.source)
    assert catalog.version() == before + 2


def test_the_vector_index_loads_beside_the_corpus_and_a_failure_reaches_the_first_question(small_index, embedder, monkeypatch):
    """The Retriever starts reading the stored vectors in a thread while the corpus loads; an error
    there is not swallowed: the first question's dense search meets it."""
    from assistant.retrieval import Retriever

    index = Index(small_index)
    collection_type = type(index.collection)
    calls = []

    def failing_get(self, *args, **kwargs):
        calls.append(kwargs.get("include"))
        raise OSError("vector segment unreadable")

    monkeypatch.setattr(collection_type, "get", failing_get)
    retriever = Retriever(index, embedder)  # starting does not fail: the load runs in the background
    with pytest.raises(OSError, match="vector segment unreadable"):
        retriever.search("Apa yang dimaksud dengan Badan Publik?")
    # the background load, then the question's own search, each reading every vector (the exact search)
    assert calls == [["embeddings"]] * 2
    monkeypatch.undo()
    assert retriever.search("Apa yang dimaksud dengan Badan Publik?")


def test_a_year_asked_prefers_that_years_report():
    """"Evaluasi SPBE 2024" asks about the 2024 report: the 2023 one is out of period. A plan's period
    and a cited regulation's year are no report's year, and a year no report is of changes nothing."""
    from assistant.corpus import out_of_period, title_period

    periods = {
        "laporan-2023.md": title_period("Laporan Pelaksanaan Evaluasi SPBE Tahun 2023"),
        "laporan-2024.md": title_period("Laporan Evaluasi SPBE Tahun 2024"),
        "rpjmn.md": title_period("RPJMN 2025–2029, BAB II: Kebijakan Pembangunan"),
        "perbup.pdf": title_period("Peraturan Bupati Blitar Nomor 22 Tahun 2019 tentang Rencana Induk"),
    }
    assert periods["rpjmn.md"] == set(range(2025, 2030)) and periods["perbup.pdf"] == set()
    assert out_of_period(periods, ("2024",)) == {"laporan-2023.md"}
    assert out_of_period(periods, ("2018",)) == set()  # "sejak 2018": no report of that year
    assert out_of_period(periods, ()) == set()
