"""A question that names a document by its title ("menurut SOP Pelayanan Informasi Publik ...") is
answered from that document first, even when another document matches its words better."""

from __future__ import annotations

import pytest

SOP_SERVICE = """# SOP Pelayanan Informasi Publik Dinas Contoh

## Langkah

1. Petugas loket mencatat permohonan informasi dari pemohon dalam buku register permohonan.
2. Petugas meneruskan permohonan kepada pejabat pengelola informasi dan dokumentasi dalam 2 hari kerja.
"""

SOP_COMPLAINT = """# SOP Pengaduan Masyarakat Dinas Contoh

## Langkah

1. Petugas pengaduan menerima pengaduan masyarakat tentang pelayanan informasi di loket pengaduan.
2. Petugas pengaduan menerima pengaduan lanjutan dan mencatat pengaduan dalam register pengaduan.
"""


@pytest.fixture(scope="module")
def sop_assistant(tmp_path_factory, embedder):
    from assistant.config import load_settings
    from assistant.service import Assistant
    from ingest.index import Index
    from ingest.pipeline import ingest

    corpus = tmp_path_factory.mktemp("named-corpus")
    (corpus / "sop-pelayanan-informasi-contoh.md").write_text(SOP_SERVICE, encoding="utf-8")
    (corpus / "sop-pengaduan-contoh.md").write_text(SOP_COMPLAINT, encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("named-index")
    report = ingest([corpus], Index(index_dir), embedder, progress=False)
    assert report.count("indexed") == 2, report.results
    return Assistant(load_settings(index=index_dir, corpus=corpus), embedder=embedder)


def test_a_title_in_the_question_names_that_document_and_no_other(sop_assistant):
    corpus = sop_assistant.retriever.corpus
    assert corpus.titled_sources("Siapa yang menerima pengaduan menurut SOP Pelayanan Informasi Publik Dinas Contoh?") == {
        "sop-pelayanan-informasi-contoh.md"
    }
    assert corpus.titled_sources("Siapa yang menerima pengaduan masyarakat tentang pelayanan informasi?") == set()
    both = "Apa beda SOP Pelayanan Informasi Publik Dinas Contoh dan SOP Pengaduan Masyarakat Dinas Contoh?"
    assert corpus.titled_sources(both) == {"sop-pelayanan-informasi-contoh.md", "sop-pengaduan-contoh.md"}


def test_the_named_document_comes_first_although_another_matches_the_words_better(sop_assistant):
    unnamed = sop_assistant.ask("Siapa yang menerima pengaduan masyarakat tentang pelayanan informasi?")
    assert unnamed.hits[0].document.source == "sop-pengaduan-contoh.md"
    named = sop_assistant.ask("Siapa yang menerima pengaduan menurut SOP Pelayanan Informasi Publik Dinas Contoh?")
    assert named.hits[0].document.source == "sop-pelayanan-informasi-contoh.md"
