"""'Apa tujuan X?', 'Apa asas X?', 'X berhak atas apa?': the provision where X takes the asked noun's own
wording answers (assistant/ranking/duty.py, ingest.legaltext.RELATION_WORDINGS), quoted by the units that
name the relation; quotes about X that never name it answer nothing (assistant/answer.py).

The passages sharing most of the question's words describe X (its definition, its composition); the one
that answers turns the noun into a verb after X: "Rencana Induk SPBE bertujuan untuk ...",
"Penyelenggaraan Layanan Digital berasaskan: ..."."""

from __future__ import annotations

import pytest

from assistant.query import analyze
from ingest.legaltext import names_relation

from .conftest import assistant_over_pdfs

LINES = [
    "BUPATI CONTOH",
    "PERATURAN BUPATI CONTOH NOMOR 7 TAHUN 2023",
    "TENTANG",
    "RENCANA INDUK LAYANAN DIGITAL DAERAH",
    "Pasal 1",
    "Dalam Peraturan Bupati ini yang dimaksud dengan:",
    "1. Rencana Induk Layanan Digital Daerah adalah dokumen perencanaan layanan digital daerah untuk jangka",
    "waktu 5 (lima) tahun.",
    "2. Tim Layanan Digital Daerah adalah tim yang dibentuk Bupati untuk mengoordinasikan layanan digital daerah.",
    "Pasal 2",
    "Rencana Induk Layanan Digital Daerah memuat visi, misi, arah kebijakan, dan peta rencana layanan digital",
    "daerah yang disusun oleh Tim Layanan Digital Daerah.",
    "Pasal 3",
    "Rencana Induk Layanan Digital Daerah bertujuan untuk memberikan pedoman bagi perangkat daerah dalam",
    "membangun layanan digital daerah yang terpadu.",
    "Pasal 4",
    "Penyelenggaraan layanan digital daerah berasaskan:",
    "a. keterpaduan;",
    "b. keamanan; dan",
    "c. kemanfaatan.",
    "Pasal 5",
    "(1) Tim Layanan Digital Daerah terdiri atas ketua, sekretaris, dan anggota.",
    "(2) Tim Layanan Digital Daerah mempunyai tugas mengoordinasikan penyusunan Rencana Induk Layanan Digital",
    "Daerah.",
    "Pasal 6",
    "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan.",
]

# A SOTK regulation calls its office "Dinas" throughout: its duties are not any other Dinas's.
SOTK = [
    "BUPATI CONTOH",
    "PERATURAN BUPATI CONTOH NOMOR 9 TAHUN 2023",
    "TENTANG",
    "KEDUDUKAN, SUSUNAN ORGANISASI, TUGAS DAN FUNGSI DINAS KEPEMUDAAN DAN OLAHRAGA",
    "Pasal 1",
    "Dalam Peraturan Bupati ini yang dimaksud dengan:",
    "1. Daerah adalah Kabupaten Contoh.",
    "2. Dinas Kepemudaan dan Olahraga yang selanjutnya disebut Dinas adalah Dinas Kepemudaan dan Olahraga",
    "Kabupaten Contoh.",
    "Pasal 2",
    "(1) Dinas mempunyai tugas membantu Bupati melaksanakan urusan pemerintahan bidang kepemudaan dan",
    "olahraga.",
    "(2) Dinas menyelenggarakan fungsi perumusan kebijakan bidang kepemudaan dan olahraga.",
    "Pasal 3",
    "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan.",
]


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    return assistant_over_pdfs(
        tmp_path_factory, embedder, {"perbup-contoh-7-2023-layanan-digital.pdf": [LINES], "perbup-contoh-9-2023-sotk-dispora.pdf": [SOTK]}
    )


@pytest.mark.parametrize(
    ("question", "pasal", "stated"),
    [
        ("Apa tujuan Rencana Induk Layanan Digital Daerah?", "3", "bertujuan untuk memberikan pedoman"),
        ("Rencana Induk Layanan Digital Daerah bertujuan untuk apa?", "3", "bertujuan untuk memberikan pedoman"),
        ("Apa saja asas penyelenggaraan layanan digital daerah?", "4", "berasaskan"),
        ("Apa tugas Tim Layanan Digital Daerah?", "5", "mempunyai tugas mengoordinasikan"),
    ],
)
def test_the_provision_in_the_asked_nouns_wording_answers(assistant, question, pasal, stated):
    answer = assistant.ask(question)
    first = answer.hits[0]
    assert first.passage.pasal == pasal and "duty" in first.ranks
    assert answer.found and stated in " ".join(answer.text.split())


def test_quotes_about_the_subject_that_never_name_the_relation_are_no_answer(assistant):
    # The regulation gives the team a duty, never a right: its definition and composition share the words.
    answer = assistant.ask("Apa saja hak Tim Layanan Digital Daerah?")
    assert not answer.found
    assert "tidak menyebut: hak." in answer.text


def test_a_short_name_the_document_defines_as_another_body_is_not_the_asked_one(assistant):
    asked = assistant.ask("Apa tugas dan fungsi Dinas Kepemudaan dan Olahraga Kabupaten Contoh?")
    assert asked.hits[0].passage.pasal == "2" and "duty" in asked.hits[0].ranks
    other = assistant.ask("Apa tugas dan fungsi Dinas Komunikasi dan Informatika Kabupaten Contoh?")
    assert all("duty" not in hit.ranks for hit in other.hits)
    assert "membantu Bupati" not in other.text


@pytest.mark.parametrize(
    ("text", "noun", "names"),
    [
        ("Tim mempunyai tugas mengoordinasikan", "tugas", True),
        ("Petugas pelayanan menerima berkas", "tugas", False),  # the letters, not the word
        ("Pihak ketiga menerima salinan", "hak", False),
        ("Setiap orang berhak memperoleh informasi", "hak", True),
        ("Maksud penyusunan dokumen ini adalah", "tujuan", True),
        ("RAB digunakan sebagai acuan", "fungsi", True),  # a function is often stated without its word
        ("Visi Pemerintah Kabupaten Contoh adalah terwujudnya", "visi", True),  # a plan's aims, by their word
        ("Sasaran strategis Dinas adalah meningkatnya", "sasaran", True),
        ("Komisi Informasi menerima permohonan", "misi", False),
    ],
)
def test_names_relation(text, noun, names):
    assert names_relation(noun, text) is names


def test_a_plans_aims_are_asked_as_relations():
    for noun in ("visi", "misi", "sasaran"):
        intent = analyze(f"Apa {noun} Dinas Komunikasi dan Informatika Kabupaten Contoh?")
        assert (intent.duty_noun, intent.duty_subject) == (noun, "Dinas Komunikasi dan Informatika Kabupaten Contoh")


def test_a_relation_question_names_its_noun_and_subject():
    intent = analyze("Menurut Perbup Contoh 7/2023, Tim Layanan Digital Daerah berhak atas apa?")
    assert (intent.duty_noun, intent.duty_subject) == ("hak", "Tim Layanan Digital Daerah")
