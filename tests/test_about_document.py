""""Perbup Contoh 4/2022 itu tentang apa?" is answered by the regulation's title, cited to its title page;
a regulation the index lacks by the sentences of other documents that cite it with its title."""

from __future__ import annotations

import pytest

from assistant.query import analyze, asks_about

from .conftest import assistant_over_pdfs

PERBUP = [
    "BUPATI CONTOH",
    "PERATURAN BUPATI CONTOH NOMOR 4 TAHUN 2022",
    "TENTANG",
    "TATA KELOLA JARINGAN INTRA PEMERINTAH DAERAH",
    "DENGAN RAHMAT TUHAN YANG MAHA ESA",
    "BUPATI CONTOH,",
    "Menimbang : a. bahwa jaringan intra pemerintah daerah perlu dikelola secara terpadu;",
    "Mengingat : 1. Peraturan Bupati Contoh Nomor 3 Tahun 2020 tentang Sistem Informasi Desa;",
    "MEMUTUSKAN:",
    "Pasal 1",
    "Jaringan intra pemerintah daerah dikelola oleh Dinas Komunikasi dan Informatika.",
    "Pasal 2",
    "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan.",
]


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    return assistant_over_pdfs(tmp_path_factory, embedder, {"perbup-contoh-4-2022-jaringan-intra.pdf": [PERBUP]})


@pytest.mark.parametrize(
    ("question", "about"),
    [
        ("Perbup Contoh 4/2022 itu tentang apa?", True),
        ("Apa judul Perpres 95/2018?", True),
        ("UU 23/2014 itu undang-undang tentang apa?", True),
        ("What is UU 14/2008 about?", True),
        ("Apa isi Pasal 5 UU 14/2008?", False),  # the text of a provision, not the subject
        ("Apa tujuan UU 14/2008?", False),
        ("Apa yang diatur tentang keberatan dalam UU 14/2008?", False),
        ("Apa itu jaringan intra?", False),  # names no regulation
    ],
)
def test_which_questions_ask_what_a_regulation_is_about(question, about):
    assert analyze(question).about_document is about


def test_an_indexed_regulation_is_about_its_title_cited_to_its_title_page(assistant):
    answer = assistant.ask("Perbup Contoh 4/2022 itu tentang apa?")
    assert answer.found and "mengatur tentang Tata Kelola Jaringan Intra Pemerintah Daerah" in answer.text
    assert answer.hits[0].passage.kind == "pembukaan" and answer.quoted == [1]


def test_a_regulation_the_index_lacks_is_about_what_the_citing_sentence_says(assistant):
    answer = assistant.ask("Perbup Contoh 3/2020 itu tentang apa?")
    assert answer.found and "tidak ada dalam indeks" in answer.text
    assert "Nomor 3 Tahun 2020 tentang Sistem Informasi Desa" in " ".join(answer.text.split())


def test_a_regulation_nobody_cites_is_not_found(assistant):
    answer = assistant.ask("Perbup Contoh 9/2030 itu tentang apa?")
    assert not answer.found and "tidak ada dalam indeks" in answer.text
    assert asks_about("  itu tentang apa?")
