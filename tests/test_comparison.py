""""Apa beda X dan Y?" is answered by the definitions of both terms, each cited (assistant/query.py
`compared_terms`, the definition ranking and answer)."""

from __future__ import annotations

import pytest

from assistant.query import compared_terms

from .conftest import assistant_over_pdfs

LINES = [
    "BUPATI CONTOH",
    "PERATURAN BUPATI CONTOH NOMOR 5 TAHUN 2022",
    "TENTANG",
    "APLIKASI PEMERINTAH DAERAH",
    "Pasal 1",
    "Dalam Peraturan Bupati ini yang dimaksud dengan:",
    "1. Aplikasi Umum adalah aplikasi yang digunakan bersama oleh seluruh perangkat daerah.",
    "2. Aplikasi Khusus adalah aplikasi yang dibangun untuk memenuhi kebutuhan satu perangkat daerah.",
    "Pasal 2",
    "Perangkat daerah menggunakan Aplikasi Umum dan dapat membangun Aplikasi Khusus setelah mendapat",
    "pertimbangan Dinas Komunikasi dan Informatika; Aplikasi Umum dan Aplikasi Khusus didaftarkan.",
    "Pasal 3",
    "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan.",
]


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    return assistant_over_pdfs(tmp_path_factory, embedder, {"perbup-contoh-5-2022-aplikasi.pdf": [LINES]})


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        ("Apa beda Aplikasi Umum dan Aplikasi Khusus menurut Perbup Contoh 5/2022?", ("Aplikasi Umum", "Aplikasi Khusus")),
        ("Perbedaan antara Desentralisasi dengan Dekonsentrasi", ("Desentralisasi", "Dekonsentrasi")),
        # The second term takes the head it shares with the first.
        ("Apa bedanya Penyelenggara Sistem Elektronik Lingkup Publik dan Lingkup Privat?",
         ("Penyelenggara Sistem Elektronik Lingkup Publik", "Penyelenggara Sistem Elektronik Lingkup Privat")),
        ("What is the difference between public information and public body?", ("informasi publik", "badan publik")),
        ("Apa yang dimaksud dengan Aplikasi Umum?", ()),
    ],
)
def test_the_terms_a_comparison_compares(question, terms):
    assert compared_terms(question) == terms


def test_a_comparison_is_answered_by_both_definitions(assistant):
    answer = assistant.ask("Apa bedanya Aplikasi Umum dan Aplikasi Khusus?")
    text = " ".join(answer.text.split())
    assert answer.found and "definition" in answer.hits[0].ranks
    assert "Aplikasi Umum adalah aplikasi yang digunakan bersama" in text
    assert "Aplikasi Khusus adalah aplikasi yang dibangun" in text
    assert "Definisi “Aplikasi Umum” dan “Aplikasi Khusus”" in text
