"""'Siapa yang mengangkat Kepala Dinas?': the sentence where what is acted on takes the verb in the passive
("Kepala Dinas diangkat dan diberhentikan oleh Bupati") answers (assistant/ranking/actor.py); the passages
that share more of the question's words describe the office."""

from __future__ import annotations

import pytest

from assistant.query import acted_on

from .conftest import assistant_over_pdfs

LINES = [
    "BUPATI CONTOH",
    "PERATURAN BUPATI CONTOH NOMOR 11 TAHUN 2023",
    "TENTANG",
    "SUSUNAN ORGANISASI DINAS KEARSIPAN",
    "Pasal 1",
    "Kepala Dinas Kearsipan mempunyai tugas memimpin Dinas Kearsipan dan mengangkat pejabat pengelola arsip.",
    "Pasal 2",
    "Kepala Dinas Kearsipan mengoordinasikan pelaksanaan tugas Sekretariat dan Bidang pada Dinas Kearsipan.",
    "Pasal 3",
    "Kepala Dinas Kearsipan diangkat dan diberhentikan oleh Bupati sesuai dengan ketentuan peraturan",
    "perundang-undangan.",
    "Pasal 4",
    "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan.",
]


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    return assistant_over_pdfs(tmp_path_factory, embedder, {"perbup-contoh-11-2023-dinas-kearsipan.pdf": [LINES]})


@pytest.mark.parametrize(
    ("question", "acted"),
    [
        ("Siapa yang menetapkan Tim Asesor Internal evaluasi SPBE di pemerintah kabupaten?", ("menetapkan", "Tim Asesor Internal evaluasi SPBE")),
        ("Siapa yang mengangkat dan memberhentikan Kepala Dinas Kearsipan?", ("mengangkat", "Kepala Dinas Kearsipan")),
        ("Siapa yang bertugas menyusun laporan?", None),  # a duty, not an act done to something
        ("Siapa saja anggota tim?", None),
    ],
)
def test_the_act_and_what_it_acts_on(question, acted):
    assert acted_on(question) == acted


def test_the_passive_sentence_names_who_acts(assistant):
    answer = assistant.ask("Siapa yang mengangkat Kepala Dinas Kearsipan?")
    first = answer.hits[0]
    assert first.passage.pasal == "3" and "actor" in first.ranks
    assert answer.found and "oleh Bupati" in " ".join(answer.text.split())
