"""Abbreviations learned from the documents, and questions that abbreviate or spell out, or ask in English.

Unit tests read sentences copied from the bundled corpus; the retrieval tests build a real index
(real embedder, real Chroma) of generated PDFs whose abbreviations appear in no hand-written list.
"""

from __future__ import annotations


import pytest

from assistant.expansion import ALTERNATIVE_WEIGHT, is_english, translate
from assistant.query import analyze
from ingest.messages import t
from ingest.abbreviations import Abbreviation, abbreviations_in, spelled_span
from tests.conftest import assistant_over_pdfs


def pairs(text: str) -> set[tuple[str, str]]:
    return {(a.short, a.full) for a in abbreviations_in(text)}


@pytest.mark.parametrize(
    "sentence, pair",
    [
        (  # peraturan-bssn-8-2024, Pasal 1
            "Dalam Peraturan Badan ini yang dimaksud dengan: 1. Sistem Pemerintahan Berbasis Elektronik yang "
            "selanjutnya disingkat SPBE adalah penyelenggaraan pemerintahan yang memanfaatkan teknologi",
            ("SPBE", "Sistem Pemerintahan Berbasis Elektronik"),
        ),
        (  # rancangan-perbup-lamongan-2021: syllables, not initials
            "6. Dinas Komunikasi dan Informatika yang selanjutnya disingkat Diskominfo adalah Dinas Komunikasi dan Informatika",
            ("Diskominfo", "Dinas Komunikasi dan Informatika"),
        ),
        (  # the same document, with its typo "disigkat"
            "5. Badan Perencanaan dan Pembangunan Daerah yang selanjutnya disigkat Bappeda adalah Badan Perencanaan",
            ("Bappeda", "Badan Perencanaan dan Pembangunan Daerah"),
        ),
        (  # permenpanrb-5-2020: the abbreviation repeats a word of the name
            "Komite Manajemen Risiko SPBE yang disingkat KMR SPBE dibentuk dan ditetapkan oleh masing-masing",
            ("KMR SPBE", "Komite Manajemen Risiko SPBE"),
        ),
        (  # se-menpanrb-18-2022: a bracket after the name
            "dokumen Strategis Instansi Pusat yakni Rencana Strategis (Renstra) dan Pemerintah Daerah",
            ("Renstra", "Rencana Strategis"),
        ),
        (  # laporan-rancangan-arsitektur-ntb-2023: lower case name
            "Revolusi teknologi informasi dan komunikasi (TIK) memberikan peluang bagi pemerintah",
            ("TIK", "teknologi informasi dan komunikasi"),
        ),
        (  # laporan-evaluasi-spbe-2023: words before the name are not part of it
            "Tingkat kematangan e-Government, UN e-Government Development Index (EGDI) dan Pemantauan",
            ("EGDI", "e Government Development Index"),
        ),
    ],
)
def test_pairs_are_read_from_corpus_sentences(sentence, pair):
    assert pair in pairs(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "(1) Arsitektur SPBE Nasional disusun untuk jangka waktu 5 (lima) tahun.",  # perpres-95-2018
        "a. Jaringan lokal (JIS) merupakan jaringan tertutup yang menghubungkan",  # perbup-pakpakbharat-34-2019
        "3. Bupati Lamongan yang selanjutnya disebut Bupati adalah Bupati Lamongan.",  # an alias, not an abbreviation
    ],
)
def test_brackets_and_aliases_that_cannot_be_spelled_from_the_words_are_not_pairs(sentence):
    assert pairs(sentence) == set()


def test_a_name_in_brackets_after_its_abbreviation():
    text = "Penerapan SPBE (Sistem Pemerintahan Berbasis Elektronik) di daerah"
    assert ("SPBE", "Sistem Pemerintahan Berbasis Elektronik") in pairs(text)


def test_the_nearest_and_initials_first_name_is_taken():
    words = "pada sektor Infrastruktur Informasi Vital".split()
    assert spelled_span("IIV", words) == (2, 5)  # not "Informasi Vital" read as I-I-V by syllables


def test_english_questions_are_told_from_indonesian_ones():
    assert is_english("What are the SPBE domains?")
    assert is_english("Which villages in the regency are still without an internet signal?")
    assert not is_english("Apa saja domain SPBE?")
    assert not is_english("Berapa lama jangka waktu Rencana Induk SPBE?")
    # few function words, none of them Indonesian
    assert is_english("What forms can regional innovation take?")
    assert not is_english("Apa bentuk inovasi daerah?")


def test_an_english_term_asked_for_is_looked_up_as_indonesian_writes_it():
    """The glossary holds "Sertifikat Elektronik": the English term is translated and put head first."""
    assert analyze("What is an electronic certificate according to PP 71/2019?").definition_term == "sertifikat elektronik"
    assert analyze("What is meant by SPBE security audit?").definition_term == "audit keamanan SPBE"
    assert analyze("What is a regional regulation?").definition_term == "peraturan daerah"  # a phrase of the vocabulary
    assert analyze("Apa yang dimaksud dengan Badan Publik?").definition_term == "Badan Publik"


def test_english_words_are_translated_phrase_first_and_unknown_lowercase_words_dropped():
    tokens, alternatives = translate("Which regional regulation sets the budget of the zorblatt SPBE?", known={"spbe"})
    assert tokens[:2] == ["atur", "daerah"]  # "regional regulation" as one phrase: peraturan daerah
    assert "anggar" in tokens and "spbe" in tokens  # budget → anggaran; the abbreviation kept
    assert "zorblatt" not in tokens


# Two generated regulations: one defines the abbreviations, the other uses only one form of each.
DEFINING = [
    "BUPATI CONTOH",
    "PERATURAN BUPATI CONTOH NOMOR 5 TAHUN 2024",
    "TENTANG",
    "TATA KELOLA ARSIP DINAMIS",
    "BAB I",
    "KETENTUAN UMUM",
    "Pasal 1",
    "Dalam Peraturan Bupati ini yang dimaksud dengan:",
    "1. Daerah adalah Kabupaten Contoh.",
    "2. Satuan Kerja Pengelola Arsip yang selanjutnya disingkat SKPA adalah unit kerja perangkat",
    "daerah yang membidangi kearsipan.",
    "3. Jaringan Dokumentasi Kearsipan Daerah (JDKD) adalah sistem berbagi pakai naskah dinas antar unit.",
    "Pasal 2",
    "Peraturan Bupati ini berlaku pada tanggal diundangkan.",
]
USING = [
    "BUPATI CONTOH",
    "PERATURAN BUPATI CONTOH NOMOR 9 TAHUN 2024",
    "TENTANG",
    "PELAPORAN KEARSIPAN",
    "Pasal 1",
    "Setiap SKPA wajib menyampaikan laporan pengelolaan arsip dinamis kepada Bupati paling",
    "lambat tanggal 10 setiap bulan.",
    "Pasal 2",
    "Salinan naskah dinas yang telah diverifikasi diunggah ke Jaringan Dokumentasi Kearsipan Daerah",
    "dalam waktu 3 (tiga) hari kerja.",
    "Pasal 3",
    "Pembinaan kearsipan dilaksanakan oleh Sekretaris Daerah melalui rapat koordinasi tahunan.",
    "Pasal 4",  # the same wording for other actors: only the abbreviation tells the Pasal apart
    "Setiap kepala desa wajib menyampaikan laporan pengelolaan arsip dinamis kepada camat paling",
    "lambat tanggal 20 setiap bulan.",
    "Pasal 5",
    "Salinan naskah dinas yang telah diverifikasi diunggah ke laman kecamatan dalam waktu 7 (tujuh)",
    "hari kerja.",
    "Pasal 6",  # regulations write "perangkat lunak" and "kode sumber" where officials say "software", "source code"
    "Pengembang perangkat lunak kearsipan wajib menyerahkan kode sumber dan dokumentasinya kepada Sekretaris",
    "Daerah.",
]


@pytest.fixture(scope="module")
def abbreviation_assistant(tmp_path_factory, embedder):
    pdfs = {"perbup-contoh-5-2024-tata-kelola-arsip.pdf": [DEFINING], "perbup-contoh-9-2024-pelaporan-kearsipan.pdf": [USING]}
    return assistant_over_pdfs(tmp_path_factory, embedder, pdfs)


def test_pairs_are_kept_in_the_catalog_at_ingest(abbreviation_assistant):
    stored = {Abbreviation(**record) for record in abbreviation_assistant.index.catalog.extracts("abbreviation")}
    assert Abbreviation("SKPA", "Satuan Kerja Pengelola Arsip", "perbup-contoh-5-2024-tata-kelola-arsip.pdf") in stored
    assert Abbreviation("JDKD", "Jaringan Dokumentasi Kearsipan Daerah", "perbup-contoh-5-2024-tata-kelola-arsip.pdf") in stored


def test_a_spelled_out_question_finds_the_passage_that_only_abbreviates(abbreviation_assistant):
    answer = abbreviation_assistant.ask("Kapan Satuan Kerja Pengelola Arsip wajib menyampaikan laporan pengelolaan arsip dinamis?")
    assert answer.found
    assert (answer.hits[0].passage.source, answer.hits[0].passage.pasal) == ("perbup-contoh-9-2024-pelaporan-kearsipan.pdf", "1")
    assert "tanggal 10" in answer.text


def test_an_abbreviated_question_finds_the_passage_that_only_spells_out(abbreviation_assistant):
    answer = abbreviation_assistant.ask("Berapa hari kerja salinan naskah dinas diunggah ke JDKD?")
    assert answer.found
    assert (answer.hits[0].passage.source, answer.hits[0].passage.pasal) == ("perbup-contoh-9-2024-pelaporan-kearsipan.pdf", "2")
    assert "3 (tiga) hari kerja" in answer.text
    bm25 = {hit.passage.pasal: hit.lexical for hit in answer.hits if hit.passage.source.startswith("perbup-contoh-9")}
    assert bm25["2"] > bm25["5"]  # the same wording, but only Pasal 2 spells out JDKD


def test_an_english_question_is_answered_from_indonesian_text_in_the_ui_language(abbreviation_assistant):
    answer = abbreviation_assistant.ask("By what date must each SKPA submit the archive management report to the regent?", language="en")
    assert answer.found
    assert (answer.hits[0].passage.source, answer.hits[0].passage.pasal) == ("perbup-contoh-9-2024-pelaporan-kearsipan.pdf", "1")
    assert "paling lambat tanggal 10" in answer.text.replace("\n", " ")  # the Indonesian passage, quoted
    assert answer.text.startswith(t("answer_intro", "en"))  # the frame in the UI language


def test_english_words_borrowed_by_an_indonesian_question_are_read_as_the_documents_write_them(abbreviation_assistant):
    answer = abbreviation_assistant.ask("Source code software kearsipan diserahkan kepada siapa?")
    assert answer.found, answer.text
    assert (answer.hits[0].passage.source, answer.hits[0].passage.pasal) == ("perbup-contoh-9-2024-pelaporan-kearsipan.pdf", "6")
    assert "kode sumber" in answer.text and "Sekretaris" in answer.text


def test_only_borrowed_words_get_indonesian_renderings(abbreviation_assistant):
    """"software" is borrowed; "target" and "total" are Indonesian words as well, read as written."""
    alternatives = abbreviation_assistant.retriever.corpus.expander.expand("Berapa target dan total software tahun ini?").alternatives
    assert (("software",), ("perangkat", "lunak"), ALTERNATIVE_WEIGHT) in alternatives
    assert not [a for a in alternatives if a[0] in (("target",), ("total",))]


def test_an_english_question_the_documents_do_not_answer_is_refused(abbreviation_assistant):
    answer = abbreviation_assistant.ask("What is the email address of the regent's archive office?", language="en")
    assert not answer.found
