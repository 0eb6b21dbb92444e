"""A table of contents is not a passage (ingest/chunking.is_contents): it answers no question, yet shares
the words of every question about the sections it lists."""

from __future__ import annotations

from ingest.chunking import is_contents
from ingest.model import Page
from ingest.structure import parse_sections

DOTTED = """KATA PENGANTAR ........................................ i
DAFTAR ISI ............................................ ii
BAB I PENDAHULUAN ..................................... 1
1.1 Latar Belakang .................................... 1
1.2 Maksud dan Tujuan ................................. 3
BAB II GAMBARAN PELAYANAN ............................. 7"""

MARKDOWN = """| Daftar Isi | iv |
|---|---|
| Ringkasan Eksekutif | 1 |
| Tren Global | 8 |
| Sekilas SPBE | 12 |
| Pemantauan dan Evaluasi SPBE | 15 |
| Tindak Lanjut dan Rekomendasi | 86 |"""

# The days of an audit by the complexity of its object: numbers in the last column, no title, no leaders.
MATRIX = """| Kompleksitas Objek | Sebaran Lokasi | Jumlah Hari |
|---|---|---|
| Sederhana | Satu lokasi | 2 |
| Sederhana | Dua lokasi | 3 |
| Menengah | Satu lokasi | 4 |
| Menengah | Dua lokasi | 5 |
| Kompleks | Satu lokasi | 6 |"""

# Scores of regions under a title that happens to say "Daftar": the numbers go back and forth.
SCORES = """| Daftar Tabel Nilai Kabupaten | Nilai |
|---|---|
| Kabupaten Blitar | 4 |
| Kabupaten Kediri | 3 |
| Kabupaten Malang | 5 |
| Kabupaten Tulungagung | 2 |
| Kabupaten Trenggalek | 4 |"""


def test_a_table_of_contents_is_recognised_with_dot_leaders_or_its_title():
    assert is_contents(DOTTED, ["Renstra"])
    assert is_contents(MARKDOWN, [])
    assert is_contents(MARKDOWN.replace("| Daftar Isi | iv |", "| Pengantar | iv |"), ["Daftar Isi"])  # titled by its section


def test_a_data_table_with_numbers_in_its_last_column_is_no_table_of_contents():
    assert not is_contents(MATRIX, ["Lampiran", "A. MATRIKS JUMLAH HARI PELAKSANAAN AUDIT"])
    assert not is_contents(SCORES, [])
    assert not is_contents("Pasal 1\nDalam Peraturan ini yang dimaksud dengan: 1. Daerah adalah Kabupaten Contoh.", [])


def test_the_tail_of_a_contents_table_under_its_heading_is_contents_too():
    tail = "| Pengantar | i |\n|---|---|\n| Tindak Lanjut dan Rekomendasi | 86 |"
    assert is_contents(tail, ["Daftar isi"])
    assert not is_contents(tail, ["Hasil Evaluasi"])


def test_under_its_title_an_entry_may_print_its_page_after_a_space():
    """"2. Pendahuluan 4": under "DAFTAR ISI" the entries are contents, and none opens a section."""
    entries = ["1. Ringkasan Eksekutif 4", "2. Pendahuluan 4", "2.1. Latar Belakang 4", "3. Arsitektur SPBE As-Is 7", "6. Penutup 22"]
    assert is_contents("\n".join(entries), ["DAFTAR ISI"])
    assert not is_contents("\n".join(entries), ["Hasil Evaluasi"])  # untitled: a list of scores
    text = "\n".join(["DAFTAR ISI", *entries, "", "1. Ringkasan Eksekutif", "Laporan ini menyusun arsitektur SPBE daerah."])
    labels = [node.label for node in parse_sections([Page(number=1, text=text)]).walk() if node.kind == "section"]
    assert labels == ["DAFTAR ISI", "1. Ringkasan Eksekutif"]


def test_one_misread_page_number_in_ten_is_tolerated():
    entries = [f"| Bagian {n} | {page} |" for n, page in enumerate([1, 4, 5, 8, 12, 15, 16, 18, 2, 25, 28, 30], start=1)]
    assert is_contents("| Daftar isi | ii |\n" + "\n".join(entries), [])


def test_the_contents_page_of_a_report_leaves_no_passage(tmp_path_factory, embedder):
    from .conftest import assistant_over_pdfs

    contents = ["DAFTAR ISI", *DOTTED.splitlines()]
    body = ["BAB I PENDAHULUAN", "1.1 Latar Belakang", "Dinas menyusun rencana strategis untuk lima tahun ke depan.",
            "1.2 Maksud dan Tujuan", "Rencana strategis menjadi acuan program dan kegiatan Dinas."]
    assistant = assistant_over_pdfs(tmp_path_factory, embedder, {"renstra-dinas-contoh-2024-2026.pdf": [contents, body]})
    passages = assistant.retriever.corpus.passages_of("renstra-dinas-contoh-2024-2026.pdf")
    assert passages and not any("....." in passage.text for passage in passages)
    assert any("acuan program dan kegiatan" in passage.text for passage in passages)
