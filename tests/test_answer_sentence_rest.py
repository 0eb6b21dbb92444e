"""A sentence that the chunker cut at a printed line is quoted whole: its first half from the passage it
opens in, its rest from the passage that continues it, each half cited to its own passage (issue 14, item 5).

The document is a generated PDF of a made-up planning report read by the real loaders, indexed with the
real embedder into real Chroma.
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


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    return assistant_over_pdfs(tmp_path_factory, embedder, {"laporan-kajian-aplikasi-contoh-2023.pdf": [LINES]})


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
