"""Evidence split across neighbouring parts (issue 14, item 5): a sentence that the chunker cut at a
printed line is quoted whole, its first half from the passage it opens in, its rest from the passage that
continues it, each half cited to its own passage; and the items of a nested list that runs on into the next
passage answer with the lead-in they continue.

The documents are generated PDFs of a made-up planning report and a made-up Perbup, read by the real
loaders, indexed with the real embedder into real Chroma.
"""

from __future__ import annotations

import re
import textwrap

import pytest

from .conftest import assistant_over_pdfs

FILLER = [
    "Pemerintah Kabupaten Contoh telah membangun jaringan serat optik yang menghubungkan kantor perangkat daerah.",
    "Pusat data daerah dikelola oleh dinas yang membidangi komunikasi dan informatika sejak tahun 2019.",
    "Setiap perangkat daerah telah memiliki sedikitnya satu aplikasi layanan publik yang dapat diakses warga.",
    "Pelatihan aparatur di bidang teknologi informasi diselenggarakan dua kali dalam setahun oleh dinas.",
    "Anggaran belanja teknologi informasi tersebar pada banyak perangkat daerah tanpa perencanaan bersama.",
    "Keamanan informasi belum diuji secara berkala karena keterbatasan tenaga ahli di lingkungan pemerintah.",
    "Layanan pengaduan masyarakat sudah terhubung dengan sistem pengaduan nasional sejak tahun 2020.",
    "Jaringan internet di wilayah pegunungan masih terbatas sehingga sebagian desa belum terlayani.",
    "Data kependudukan dimanfaatkan bersama oleh perangkat daerah melalui sistem penghubung layanan.",
    "Portal informasi publik memuat dokumen perencanaan, anggaran, dan laporan kinerja daerah.",
    "Kerja sama dengan perguruan tinggi setempat mendukung penyusunan kajian kebutuhan aplikasi.",
]
# The sentence the question asks about starts near the end of the first passage (ingest/chunking.py
# MAX_CHARS) and runs on past it, so the chunker's cut at a printed line falls inside it.
ANSWER = (
    "Permasalahan utama adalah belum optimalnya tata kelola aplikasi yang dibangun oleh perangkat daerah "
    "dilihat dari penggunaan aplikasi yang sebagian besar belum memiliki regulasi penggunaan dan belum "
    "memiliki petugas pengelola yang ditetapkan dengan keputusan kepala perangkat daerah masing-masing."
)
AFTER = [
    "Tantangan berikutnya adalah integrasi layanan perencanaan, penganggaran, dan pengadaan secara elektronik.",
    "Rencana induk ini disusun untuk menjawab permasalahan dan tantangan tersebut secara bertahap.",
]
LINES = [
    "LAPORAN KAJIAN TATA KELOLA APLIKASI",
    "KABUPATEN CONTOH TAHUN 2023",
    "1. PENDAHULUAN",
    "1.1 Kondisi Saat Ini",
    *textwrap.wrap(" ".join([*FILLER, ANSWER, *AFTER]), 80),
]


# Pasal 3's huruf c has its own list ("... yaitu:"), longer than what is left of the passage: the chunker
# cuts it, and its last items open the next passage.
SECRETS = [
    "rencana operasi pengamanan wilayah perbatasan daerah yang disusun bersama aparat keamanan setempat",
    "peta kerawanan sosial yang memuat lokasi dan tokoh yang dipantau oleh badan kesatuan bangsa daerah",
    "jadwal dan rute pengawalan kunjungan kepala negara serta tamu negara di wilayah daerah",
    "rancangan rencana kontinjensi penanganan konflik sosial beserta lokasi pos komando lapangan",
    "denah instalasi vital daerah beserta titik jaga dan jadwal pergantian petugas pengamanannya",
    "daftar persediaan logistik darurat beserta lokasi gudang penyimpanan cadangan pangan daerah",
    "rekaman kamera pengawas pada pusat komando yang memperlihatkan tata letak ruang kendali daerah",
    "nama dan alamat petugas intelijen daerah yang sedang melaksanakan tugas pengamanan di lapangan",
    "hasil uji kerentanan jaringan intra pemerintah daerah yang belum ditindaklanjuti perbaikannya",
    "rencana pemulihan layanan saat bencana beserta lokasi pusat data cadangan pemerintah daerah",
    "kunci kriptografi dan sertifikat elektronik yang dipakai untuk mengamankan layanan rahasia daerah",
    "sistem persandian daerah yang dipakai untuk mengamankan pertukaran informasi rahasia antarperangkat daerah",
]
REGULATION = [
    "BUPATI CONTOH",
    "PERATURAN BUPATI CONTOH NOMOR 3 TAHUN 2022",
    "TENTANG",
    "PELAYANAN INFORMASI PUBLIK",
    "Pasal 1",
    "Pelayanan informasi publik diselenggarakan oleh Pejabat Pengelola Informasi dan Dokumentasi.",
    "Pasal 2",
    "Setiap perangkat daerah wajib membuka akses informasi publik, kecuali:",
    "a. informasi yang dapat menghambat proses penegakan hukum dan penyidikan tindak pidana oleh aparat;",
    "b. informasi yang dapat mengganggu perlindungan hak atas kekayaan intelektual pihak ketiga;",
    "c. informasi yang dapat membahayakan pertahanan dan keamanan daerah, yaitu:",
    *[f"{n}. {item};" for n, item in enumerate(SECRETS, start=1)],
    "Pasal 3",
    "Permohonan informasi publik diajukan secara tertulis atau lisan kepada Pejabat Pengelola Informasi.",
]


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    pdfs = {"laporan-kajian-aplikasi-contoh-2023.pdf": [LINES], "perbup-contoh-3-2022-informasi-publik.pdf": [REGULATION]}
    return assistant_over_pdfs(tmp_path_factory, embedder, pdfs)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_a_sentence_cut_by_the_chunker_is_quoted_with_its_rest(assistant):
    parts = assistant.retriever.corpus.passages_of("laporan-kajian-aplikasi-contoh-2023.pdf")
    opening = next(i for i, part in enumerate(parts) if "Permasalahan utama adalah" in part.text)
    assert not _flat(parts[opening].text).endswith(ANSWER) and "ditetapkan dengan keputusan" in parts[opening + 1].text  # the cut is mid-sentence

    answer = assistant.ask("Apa permasalahan utama tata kelola aplikasi di Kabupaten Contoh?", llm="none")

    line = next(line for line in answer.text.splitlines() if "Permasalahan utama adalah" in line)
    quotes = [(m.group(1), int(m.group(2))) for m in re.finditer(r"“(.+?)” \[(\d+)\]", line)]
    assert len(quotes) == 2, answer.text  # one bullet: the first half and its rest
    assert _flat(" ".join(quote for quote, _ in quotes)).startswith(_flat(ANSWER)), answer.text
    # Each half is copied from, and cited to, the passage it stands in.
    (head, first), (rest, second) = quotes
    assert answer.hits[first - 1].passage.id == parts[opening].id and _flat(head) in _flat(parts[opening].text)
    assert answer.hits[second - 1].passage.id == parts[opening + 1].id and _flat(rest) in _flat(parts[opening + 1].text)


def test_the_items_of_a_nested_list_cut_by_the_chunker_answer_with_their_lead_in(assistant):
    parts = [p for p in assistant.retriever.corpus.passages_of("perbup-contoh-3-2022-informasi-publik.pdf") if p.pasal == "2"]
    later = next(part for part in parts if part.text.lstrip().startswith(tuple("123456789")))
    assert "sistem persandian daerah" in later.text and "yaitu:" not in later.text  # the chunker cut the nested list

    answer = assistant.ask("Informasi apa saja yang dapat membahayakan pertahanan dan keamanan daerah?", llm="none")

    assert "sistem persandian daerah" in answer.text, answer.text
    quoted = [int(n) for quote, n in re.findall(r"“(.+?)” \[(\d+)\]", answer.text) if "sistem persandian daerah" in quote]
    assert answer.hits[quoted[0] - 1].passage.id == later.id
