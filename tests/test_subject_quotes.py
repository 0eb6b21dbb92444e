"""A duty or list question is answered by the unit that opens with what it asks about (assistant/quotes.py).

The definitions of Pasal 1 repeat the office's full name ("Dinas Pemuda dan Olahraga Kabupaten Contoh")
and so share more of the question's words than the duty itself ("Bidang Olahraga mempunyai tugas ...")."""

from __future__ import annotations

import pytest

from .conftest import assistant_over_pdfs

LINES = [
    "BUPATI CONTOH",
    "PERATURAN BUPATI CONTOH NOMOR 7 TAHUN 2023",
    "TENTANG",
    "SUSUNAN ORGANISASI DINAS KEPEMUDAAN DAN OLAHRAGA",
    "Pasal 1",
    "Dalam Peraturan Bupati ini yang dimaksud dengan:",
    "1. Daerah adalah Kabupaten Contoh.",
    "2. Dinas Kepemudaan dan Olahraga yang selanjutnya disebut Dinas adalah Dinas Kepemudaan dan Olahraga",
    "Kabupaten Contoh.",
    "3. Kepala Dinas adalah Kepala Dinas Kepemudaan dan Olahraga Kabupaten Contoh.",
    "Pasal 2",
    "(1) Dinas mempunyai tugas membantu Bupati melaksanakan urusan pemerintahan bidang kepemudaan dan",
    "olahraga yang menjadi kewenangan Daerah.",
    "(2) Dinas Kepemudaan dan Olahraga Kabupaten Contoh dalam melaksanakan tugas dibantu oleh Sekretariat",
    "dan bidang.",
    "(3) Kepala Dinas Kepemudaan dan Olahraga Kabupaten Contoh bertanggung jawab atas pelaksanaan tugas",
    "bidang pada Dinas.",
    "(4) Sekretariat Dinas Kepemudaan dan Olahraga Kabupaten Contoh mempunyai tugas melaksanakan",
    "administrasi umum bidang pada Dinas.",
    "Pasal 3",
    "(1) Bidang Keolahragaan mempunyai tugas menyelenggarakan perumusan kebijakan serta koordinasi",
    "pelaksanaan kebijakan di bidang keolahragaan, yang terdiri dari pengelolaan olahraga pendidikan,",
    "pengelolaan olahraga rekreasi, dan pembinaan olahraga prestasi.",
    "(2) Dalam melaksanakan tugas sebagaimana dimaksud pada ayat (1), Bidang Keolahragaan menyelenggarakan",
    "fungsi pemantauan dan pelaporan di bidang keolahragaan.",
    "Pasal 4",
    "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan.",
]


# Another regency's regulation, so that the regency's name is as rare in the index as in a real one.
OTHER = ["BUPATI LAIN", "PERATURAN BUPATI LAIN NOMOR 2 TAHUN 2021", "TENTANG", "TATA NASKAH DINAS"] + [
    line for n in range(1, 9) for line in (f"Pasal {n}", f"Naskah dinas jenis {n} disusun oleh unit kerja dan diarsipkan menurut jadwal retensi {n}.")
]


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    return assistant_over_pdfs(
        tmp_path_factory, embedder, {"perbup-contoh-7-2023-dinas-kepemudaan-olahraga.pdf": [LINES], "perbup-lain-2-2021-tata-naskah.pdf": [OTHER]}
    )


def test_the_duty_of_the_asked_office_is_quoted_before_its_definition(assistant):
    answer = assistant.ask("Apa tugas Bidang Keolahragaan Dinas Kepemudaan dan Olahraga Kabupaten Contoh?")
    text = " ".join(answer.text.split())
    assert answer.found and "Bidang Keolahragaan mempunyai tugas menyelenggarakan perumusan kebijakan" in text
    assert "olahraga pendidikan" in text and "olahraga prestasi" in text
