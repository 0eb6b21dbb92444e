"""A list question is answered by the list that enumerates what it names (assistant/ranking/enumeration.py).

The question's words also fill other passages about the same topic ("kompleksitas objek layanan
digital ..."); the answer is the list whose lead-in opens with the asked subject."""

from __future__ import annotations

import pytest

from assistant.query import list_subject
from ingest.legaltext import lead_in_subjects

from .conftest import assistant_over_pdfs

LINES = [
    "BUPATI CONTOH",
    "PERATURAN BUPATI CONTOH NOMOR 9 TAHUN 2021",
    "TENTANG",
    "STANDAR LAYANAN DIGITAL",
    "Pasal 1",
    "Standar layanan digital terdiri atas:",
    "a. objek layanan digital;",
    "b. pelaksana layanan digital; dan",
    "c. kriteria layanan digital.",
    "Pasal 2",
    "Kompleksitas objek layanan digital ditentukan oleh sebaran lokasi objek layanan digital, teknologi objek",
    "layanan digital, dan jumlah pengguna objek layanan digital.",
    "Pasal 3",
    "Pengamanan objek layanan digital dilakukan oleh pelaksana layanan digital terhadap setiap objek layanan",
    "digital yang dikelola perangkat daerah.",
    "Pasal 3A",
    "Daftar objek layanan digital diatur dan dimutakhirkan setiap tahun; setiap objek layanan digital yang",
    "diatur dalam daftar objek layanan digital diberi nomor objek layanan digital.",
    "Pasal 3B",
    "Pemeriksaan objek layanan digital dilakukan dengan kegiatan inventarisasi, pengujian keamanan, dan",
    "pelaporan kepada Bupati.",
    "Pasal 4",
    "(1) Objek layanan digital sebagaimana dimaksud",
    "dalam Pasal 1 huruf a terdiri atas:",
    "a. pusat data daerah;",
    "b. jaringan intra pemerintah daerah; dan",
    "c. aplikasi umum.",
    "(2) Pelaksana layanan digital ditetapkan oleh Bupati.",
    "Pasal 5",
    "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan.",
]


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    return assistant_over_pdfs(tmp_path_factory, embedder, {"perbup-contoh-9-2021-standar-layanan-digital.pdf": [LINES]})


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("Objek audit keamanan SPBE apa saja menurut Peraturan BSSN 8/2024?", "Objek audit keamanan SPBE"),
        ("Nama Domain terdiri atas apa saja?", "Nama Domain"),
        ("Apa saja komponen standar pelayanan yang harus disusun OPD?", "komponen standar pelayanan"),
        ("Sebutkan asas penyelenggaraan pelayanan publik", "asas penyelenggaraan pelayanan publik"),
        ("Apa tugas Dinas Kominfo?", None),
        ("Apa saja?", None),
        ("Apakah hardware termasuk Infrastruktur SPBE menurut Peraturan BSSN 8/2024?", "Infrastruktur SPBE"),  # membership
        ("Apakah pelayanan administratif termasuk dalam ruang lingkup pelayanan publik?", "ruang lingkup pelayanan publik"),
    ],
)
def test_the_subject_of_a_list_question(question, subject):
    assert list_subject(question) == subject


def test_the_subject_of_a_list_lead_in_starts_at_its_sentence_or_item():
    text = "Pasal 4\n(1) Objek layanan digital sebagaimana dimaksud\ndalam Pasal 1 huruf a terdiri atas:\na. pusat data;"
    assert lead_in_subjects(text) == ["Objek layanan digital sebagaimana dimaksud dalam Pasal 1 huruf a"]
    assert lead_in_subjects("Berlaku sejak diundangkan. Komponen standar sekurang-kurangnya meliputi: a. dasar hukum;") == [
        "Komponen standar sekurang-kurangnya"
    ]
    assert lead_in_subjects("Registri Nama Domain berfungsi: a. memberikan masukan;") == []  # no list verb


def test_a_sentence_listing_three_items_inside_it_is_a_lead_in_unless_it_defines():
    text = "(1) Pemantauan SPBE dilakukan dengan aktivitas Penilaian Mandiri dan Penilaian Dokumen. (2) Evaluasi SPBE dilakukan dengan aktivitas Penilaian Mandiri, Penilaian Dokumen, dan Penilaian Interviu."
    assert lead_in_subjects(text) == ["Evaluasi SPBE dilakukan dengan aktivitas Penilaian Mandiri, Penilaian Dokumen, dan Penilaian Interviu."]
    # UU 25/2009 Pasal 1 angka 9: its items say what the term is, not what a question lists
    definition = "9. Sistem informasi pelayanan publik adalah rangkaian kegiatan yang meliputi penyimpanan, pengelolaan, dan penyampaian informasi."
    assert lead_in_subjects(definition) == []


def test_the_sentence_listing_the_asked_activities_comes_first(assistant):
    answer = assistant.ask("Pemeriksaan objek layanan digital dilakukan melalui kegiatan apa saja?")
    first = answer.hits[0]
    assert first.passage.pasal == "3B" and "enumeration" in first.ranks
    assert answer.found and "pengujian keamanan" in answer.text


def test_a_line_that_heads_the_items_below_it_is_a_lead_in():
    text = "Berikut faktor pendukung dan penghambat\nFaktor Pendukung:\n- regulasi daerah.\nFaktor Penghambat:\n- jaringan internet."
    assert lead_in_subjects(text) == ["Faktor Pendukung", "Faktor Penghambat"]
    # A heading line that holds a list verb is read once, by the verb rule; a colon inside a sentence heads nothing.
    assert lead_in_subjects("Ruang lingkup meliputi:\na. tata kelola;") == ["Ruang lingkup"]
    assert lead_in_subjects("Catatan: lihat Lampiran.\na. tata kelola;") == []


def test_the_list_that_enumerates_the_asked_subject_comes_first(assistant):
    answer = assistant.ask("Objek layanan digital apa saja yang diatur Peraturan Bupati Contoh 9/2021?")
    first = answer.hits[0]
    assert first.passage.pasal == "4" and "enumeration" in first.ranks
    # Pasal 1's list enumerates the standard, not the objects; Pasal 2, 3 and 3A only share the words.
    assert {hit.passage.pasal for hit in answer.hits if "enumeration" in hit.ranks} == {"4"}
    assert answer.found and "pusat data daerah" in answer.text and "aplikasi umum" in answer.text


def test_a_membership_question_is_answered_by_the_list_of_the_whole(assistant):
    answer = assistant.ask("Apakah jaringan intra pemerintah daerah termasuk objek layanan digital?")
    first = answer.hits[0]
    assert first.passage.pasal == "4" and "enumeration" in first.ranks
    assert answer.found and "jaringan intra pemerintah daerah" in answer.text
