"""Reading what a question asks for: definitions and named regulations/Pasal."""

from __future__ import annotations

import pytest

from assistant.query import DocumentRef, analyze, definition_term, duty_match, duty_subject
from ingest.legaltext import defines
from ingest.model import Document


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("Apa yang dimaksud dengan Badan Publik?", "Badan Publik"),
        ("apa yang dimaksud Informasi Publik menurut UU KIP?", "Informasi Publik"),
        ("Pengertian SPBE menurut Perpres 95/2018", "SPBE"),
        ("Apa itu Arsitektur SPBE?", "Arsitektur SPBE"),
        ("Inovasi Daerah itu apa?", "Inovasi Daerah"),
        ("definisi pelayanan publik", "pelayanan publik"),
        ("What is meant by public body?", "public body"),
        ("Berapa lama badan publik wajib menjawab permintaan informasi?", None),
        ("Apa saja dimensi smart city Kabupaten Blitar?", None),
        ("Apakah hardware termasuk Infrastruktur SPBE menurut Peraturan BSSN 8/2024?", "Infrastruktur SPBE"),  # its definition may list it
        ("Apakah pelayanan administratif termasuk ruang lingkup pelayanan publik?", "ruang lingkup pelayanan publik"),
    ],
)
def test_definition_term(question, term):
    assert definition_term(question) == term


@pytest.mark.parametrize(
    ("question", "ref", "pasal", "ayat"),
    [
        ("Apa isi Pasal 5 ayat (2) UU 14/2008?", DocumentRef("Undang-Undang", "14", 2008), "5", "2"),
        ("isi pasal 7 perbup pakpak bharat 34 tahun 2019", DocumentRef("Peraturan Bupati", "34", 2019), "7", None),
        ("Permenpan RB No. 59 Tahun 2020 Pasal 3", DocumentRef("Peraturan Menteri", "59", 2020), "3", None),
        ("Menurut Peraturan Presiden Nomor 95 Tahun 2018, apa itu SPBE?", DocumentRef("Peraturan Presiden", "95", 2018), None, None),
        ("PP No.71/2019 mengatur apa?", DocumentRef("Peraturan Pemerintah", "71", 2019), None, None),
        # English questions name regulations in English; the year is the regulation's, not a period asked
        ("Under Law 14/2008, what is the maximum penalty?", DocumentRef("Undang-Undang", "14", 2008), None, None),
        ("What does Article 5 of Government Regulation No. 71 of 2019 say?", DocumentRef("Peraturan Pemerintah", "71", 2019), "5", None),
        ("Presidential Regulation Number 95 of 2018: what is SPBE?", DocumentRef("Peraturan Presiden", "95", 2018), None, None),
        ("Regent Regulation of Blitar No. 22 of 2019", DocumentRef("Peraturan Bupati", "22", 2019), None, None),
        ("Article 9(3) of Law 14/2008", DocumentRef("Undang-Undang", "14", 2008), "9", "3"),
        ("What does Article 22 paragraph (7) of Law No. 14 of 2008 require?", DocumentRef("Undang-Undang", "14", 2008), "22", "7"),
    ],
)
def test_named_regulation_and_pasal(question, ref, pasal, ayat):
    intent = analyze(question)
    assert intent.documents == (ref,)
    assert (intent.pasal, intent.ayat) == (pasal, ayat)


def test_reference_matches_document_metadata():
    uu = Document(source="uu.pdf", title="UU", jenis="Undang-Undang", nomor="14", tahun=2008)
    assert DocumentRef("Undang-Undang", "14", 2008).matches(uu)
    # a ministry written out in English is the ministry the Indonesian title names
    permen = Document(source="p.pdf", title="Permen", jenis="Peraturan Menteri", nomor="59", tahun=2020,
                      instansi="Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi")
    (english,) = analyze("Regulation of the Minister of State Apparatus Empowerment and Bureaucratic Reform Number 59 of 2020").documents
    assert english.matches(permen)
    assert analyze("the law was passed in 2008 with 14 articles").documents == ()
    assert not DocumentRef("Undang-Undang", "14", 2009).matches(uu)


def test_defines_recognises_legal_definition_forms():
    assert defines("3. Badan Publik adalah lembaga eksekutif, legislatif, yudikatif", "Badan Publik")
    assert defines("1. Sistem Pemerintahan Berbasis Elektronik yang selanjutnya disingkat SPBE adalah penyelenggaraan", "SPBE")
    assert defines("Yang dimaksud dengan “berkala” adalah secara rutin", "berkala")
    assert not defines("(1) Badan Publik berhak menolak memberikan informasi", "Badan Publik")
    assert not defines("Pimpinan Badan Publik adalah pejabat", "Badan Publik")


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("Apa tugas Sekretariat Dinas Kepemudaan dan Olahraga Kabupaten Blitar?", ("tugas", "Sekretariat Dinas Kepemudaan dan Olahraga Kabupaten Blitar")),
        ("Apa tugas Bidang Kepemudaan di Dispora Blitar?", ("tugas", "Bidang Kepemudaan")),
        ("fungsi Dinas Komunikasi dan Informatika menurut Perbup 5/2021", ("fungsi", "Dinas Komunikasi dan Informatika")),
        ("Berapa lama badan publik wajib menjawab?", None),
        ("Apa tujuan Rencana Induk SPBE dalam Perbup Pakpak Bharat 34/2019?", ("tujuan", "Rencana Induk SPBE")),
        ("Apa saja asas penyelenggaraan pelayanan publik?", ("asas", "penyelenggaraan pelayanan publik")),
        # A noun other than a duty opens no relation question by itself, nor with "yang" as its subject.
        ("Hak kekayaan intelektual atas inovasi daerah menjadi milik siapa?", None),
        ("Apa saja prinsip yang digunakan dalam penyusunan RAI?", None),
        # The relation asked with its verb; a clause before a comma names where to look, not the subject.
        ("Menurut UU 14/2008, Komisi Informasi berfungsi untuk apa?", ("fungsi", "Komisi Informasi")),
        ("Apa saja yang menjadi kewajiban pelaksana pelayanan publik?", ("kewajiban", "pelaksana pelayanan publik")),
        ("Apa saja tugas dan fungsi Dinas Komunikasi dan Informatika?", ("tugas dan fungsi", "Dinas Komunikasi dan Informatika")),
        ("Apa tugas pokok, fungsi, dan wewenang Camat?", ("tugas dan fungsi", "Camat")),
    ],
)
def test_duty_subject(question, subject):
    assert duty_subject(question) == subject


@pytest.mark.parametrize(
    ("text", "noun", "subject", "words"),
    [  # real provisions: UU 25/2009 Pasal 4 and Pasal 15, Perbup Pakpak Bharat 34/2019 Pasal 3
        ("Penyelenggaraan pelayanan publik berasaskan:\na. kepentingan umum;", "asas", "penyelenggaraan pelayanan publik", 3),
        ("Penyelenggara berkewajiban:\na. menyusun dan menetapkan standar pelayanan;", "kewajiban", "penyelenggara pelayanan publik", 1),
        ("TUJUAN\nRencana Induk SPBE bertujuan untuk membuat pedoman", "tujuan", "rencana induk spbe", 3),
        ("(1) Pemohon Informasi Publik berhak mengajukan keberatan", "hak", "pemohon informasi publik", 3),
        # The wording must be the asked noun's: a purpose is not a duty.
        ("Rencana Induk SPBE mempunyai tugas memberi arah", "tujuan", "rencana induk spbe", 0),
        ("Penyelenggaraan pelayanan publik bertujuan", "asas", "penyelenggaraan pelayanan publik", 0),
    ],
)
def test_duty_match_reads_the_wording_of_the_asked_noun(text, noun, subject, words):
    assert duty_match(text, subject.split(), noun) == words


def test_duty_match_finds_sotk_wording_only():
    assert duty_match("(1) Sekretariat mempunyai tugas membantu Kepala Dinas", ["sekretariat"]) == 1
    assert duty_match("Bidang Kepemudaan menyelenggarakan fungsi:", ["bidang", "kepemudaan"], "fungsi") == 2
    assert not duty_match("Bidang Kepemudaan menyelenggarakan fungsi:", ["bidang", "kepemudaan"], "tugas")  # a function is no duty
    assert not duty_match("Sub Bagian pada Sekretariat menyusun rencana", ["sekretariat"])
    # The longest leading part of the asked name: "Sekretariat Dinas Kepemudaan" -> "Sekretariat".
    assert duty_match("(1) Sekretariat mempunyai tugas membantu", "sekretariat dinas kepemudaan".split()) == 1
    assert not duty_match("Subsekretariat bertugas", ["sekretariat"])


@pytest.mark.parametrize(
    ("question", "part"),
    [
        ("Kapan Perbup Pakpak Bharat tentang Rencana Induk SPBE ditetapkan?", "penutup"),
        ("Kapan UU 14/2008 mulai berlaku?", "penutup"),
        ("Perbup Blitar 116/2022 ditetapkan untuk melaksanakan perda apa?", "pembukaan"),
        ("Apa dasar hukum Perpres 95/2018?", "pembukaan"),
        ("Apa tugas Sekretariat?", None),
    ],
)
def test_questions_about_enactment_or_grounds(question, part):
    assert analyze(question).part == part


def test_topic_leaves_out_the_named_regulation():
    assert "59" not in analyze("Apa yang dimaksud Evaluasi SPBE menurut Permenpan RB 59/2020?").topic
