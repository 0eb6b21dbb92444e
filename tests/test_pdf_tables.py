"""Ruled tables of born-digital PDFs: cells read from the grid, written as pipe rows in pypdf's text.

The grid logic is pinned with cells written by hand; the loader with real PDFs drawn by
tests/make_files.py (ruling lines around every cell, the way office suites export tables).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.loaders import load_pdf
from ingest.pdf_tables import GridCell, PdfTable, _misread, grid_table, rejoin_split_numbers

from .make_files import write_ruled_table_pdf


def _row(*cells: tuple[float, float, str]) -> list[GridCell]:
    return [GridCell(left, right, text) for left, right, text in cells]


def test_header_cells_over_years_name_each_year_column():
    rows = [
        _row((0, 100, "Indikator"), (100, 400, "Target")),
        _row((0, 100, ""), (100, 200, "2024"), (200, 300, "2025"), (300, 400, "2026")),
        _row((0, 100, "Indeks SPBE"), (100, 200, "3,00"), (200, 300, "3,10"), (300, 400, "3,25")),
    ]
    assert grid_table(rows) == ("", ["Indikator", "Target 2024", "Target 2025", "Target 2026"], [["Indeks SPBE", "3,00", "3,10", "3,25"]])


def test_header_text_wrapped_into_the_next_grid_row_stays_in_the_header():
    rows = [
        _row((0, 100, "Nomor"), (100, 300, "Nama Domain"), (300, 400, "Bobot")),
        _row((0, 100, "Domain"), (300, 400, "(%)")),
        _row((0, 100, "Domain 1"), (100, 300, "Kebijakan Internal SPBE"), (300, 400, "13,00")),
        _row((0, 400, "UMUM")),
        _row((0, 100, "Domain 2"), (100, 300, "Tata Kelola SPBE"), (300, 400, "25,00")),
    ]
    caption, columns, body = grid_table(rows)
    assert columns == ["Nomor Domain", "Nama Domain", "Bobot (%)"]
    assert body[0] == ["Domain 1", "Kebijakan Internal SPBE", "13,00"] and body[1] == ["UMUM", "", ""]


def test_a_value_printed_in_two_cells_under_one_header_stays_one_value_and_column_numbers_are_dropped():
    rows = [
        _row((0, 50, "No"), (50, 200, "Nama Barang"), (200, 300, "Jumlah")),
        _row((0, 50, "1"), (50, 200, "2"), (200, 300, "3")),
        _row((0, 50, "1"), (50, 200, "Kendaraan Roda 4"), (200, 250, "3"), (250, 300, "Unit")),
        _row((0, 50, "2"), (50, 200, "Lemari Besi"), (200, 250, "44"), (250, 300, "Unit")),
    ]
    caption, columns, body = grid_table(rows)
    assert columns == ["No", "Nama Barang", "Jumlah"]
    assert body == [["1", "Kendaraan Roda 4", "3 Unit"], ["2", "Lemari Besi", "44 Unit"]]


def test_a_first_row_under_a_split_header_is_body_when_it_has_a_value_under_an_undivided_column():
    """'3 | Unit' divides 'Jumlah', but '1' sits under 'No' alone: a body row, not a second header row."""
    rows = [
        _row((0, 50, "No"), (50, 200, "Nama Barang"), (200, 300, "Jumlah")),
        _row((0, 50, "1"), (50, 200, "Kendaraan Roda 4"), (200, 250, "3"), (250, 300, "Unit")),
    ]
    assert grid_table(rows)[1:] == (["No", "Nama Barang", "Jumlah"], [["1", "Kendaraan Roda 4", "3 Unit"]])


def test_caption_row_and_a_row_of_a_nested_label_stay_as_printed():
    """A Sasaran cell drawn over two rows is printed in the first: the second row does not repeat it
    (repeating it would also label a "Total" row with the row above's number)."""
    rows = [
        _row((0, 300, "Tabel 4.2 Sasaran dan Program")),
        _row((0, 100, "Sasaran"), (100, 200, "Indikator"), (200, 300, "Target 2025")),
        _row((0, 100, "Meningkatnya tata kelola SPBE"), (100, 200, "Nilai SPBE"), (200, 300, "3,68")),
        _row((0, 100, ""), (100, 200, "Persentase aplikasi terintegrasi"), (200, 300, "60%")),
    ]
    caption, columns, body = grid_table(rows)
    assert caption == "Tabel 4.2 Sasaran dan Program"
    assert body == [["Meningkatnya tata kelola SPBE", "Nilai SPBE", "3,68"], ["", "Persentase aplikasi terintegrasi", "60%"]]


def test_a_framed_box_of_text_lines_is_no_table():
    rows = [_row((0, 100, "Kriteria"), (100, 400, "Kebijakan internal telah ditetapkan dan"))] + [
        _row((0, 100, ""), (100, 400, line)) for line in ("mencakup seluruh unit kerja", "perangkat daerah", "serta direviu berkala.")
    ]
    assert grid_table(rows) is None


def test_rows_whose_values_fill_disjoint_columns_are_no_reliable_grid():
    """The label column's rulings do not line up with the value columns': the grid rows are not the printed rows."""
    rows = [
        _row((0, 100, "Deskripsi"), (100, 200, "2021"), (200, 300, "2022"), (300, 400, "2023")),
        _row((0, 100, "Jumlah IPPD"), (300, 400, "388")),
        _row((0, 100, "Kategori Baik"), (100, 200, "159"), (200, 300, "237")),
    ]
    assert grid_table(rows) is None


def test_a_table_continued_on_the_next_page_keeps_the_columns_of_the_page_before():
    rows = [_row((0, 100, "Nilai Kepuasan Masyarakat"), (100, 200, "80"), (200, 300, "82"))]
    columns = ["Indikator", "Target 2024", "Target 2025"]
    assert grid_table(rows, continued=columns) == ("", columns, [["Nilai Kepuasan Masyarakat", "80", "82"]])
    repeated = [_row((0, 100, "Indikator"), (100, 200, "Target 2024"), (200, 300, "Target 2025"))] + rows
    assert grid_table(repeated, continued=columns)[2] == [["Nilai Kepuasan Masyarakat", "80", "82"]]
    new_header = [_row((0, 100, "Nomor Aspek"), (100, 200, "Nama Aspek"), (200, 300, "Bobot"))] + rows
    assert grid_table(new_header, continued=columns)[1] == ["Nomor Aspek", "Nama Aspek", "Bobot"]


TARGETS = [
    [("Indikator", 1), ("Satuan", 1), ("Target", 3)],
    [("", 1), ("", 1), ("2024", 1), ("2025", 1), ("2026", 1)],
    [("Indeks SPBE", 1), ("Indeks", 1), ("3,00", 1), ("3,10", 1), ("3,25", 1)],
    [("Persentase layanan daring", 1), ("Persen", 1), ("60", 1), ("70", 1), ("80", 1)],
] + [[(f"Jumlah aplikasi kecamatan {n}", 1), ("Aplikasi", 1), (str(n), 1), (str(n + 1), 1), (str(n + 2), 1)] for n in range(1, 17)]


@pytest.fixture
def renstra_pdf(tmp_path: Path) -> Path:
    return write_ruled_table_pdf(
        tmp_path / "renstra-dinas-contoh-2024-2026.pdf",
        [
            (["BAB IV TUJUAN DAN SASARAN", "Tabel 4.1 Target Indikator Kinerja Dinas Contoh"], TARGETS, ["Target ditinjau setiap tahun oleh Bappeda."]),
            ([], [[("Nilai Kepuasan Masyarakat", 1), ("Indeks", 1), ("80", 1), ("82", 1), ("85", 1)]], ["Halaman penutup."]),
        ],
    )


def test_a_ruled_pdf_table_becomes_pipe_rows_in_place_and_the_prose_stays(renstra_pdf):
    first, second = load_pdf(renstra_pdf)
    lines = first.text.splitlines()
    header = lines.index("| Indikator | Satuan | Target 2024 | Target 2025 | Target 2026 |")
    assert lines[:2] == ["BAB IV TUJUAN DAN SASARAN", "Tabel 4.1 Target Indikator Kinerja Dinas Contoh"]
    assert lines[header + 2] == "| Indeks SPBE | Indeks | 3,00 | 3,10 | 3,25 |"
    assert lines[-1] == "Target ditinjau setiap tahun oleh Bappeda."
    assert "Indeks SPBE Indeks" not in first.text  # pypdf's flattened row is gone, not kept beside the table
    assert "| Nilai Kepuasan Masyarakat | Indeks | 80 | 82 | 85 |" in second.text.splitlines()
    assert "| Indikator | Satuan | Target 2024 | Target 2025 | Target 2026 |" in second.text.splitlines()


def test_a_table_that_ends_mid_page_is_not_continued_by_the_next_pages_table(tmp_path):
    pdf = write_ruled_table_pdf(
        tmp_path / "dua-tabel.pdf",
        [
            (["Tabel 1 Sarana"], [[("Barang", 1), ("Jumlah", 1)], [("Meja", 1), ("3", 1)]], ["Akhir tabel pertama."]),
            ([], [[("Kategori", 1), ("Warna", 1)], [("Sangat Rendah", 1), ("Biru", 1)]], []),
        ],
    )
    assert "| Kategori | Warna |" in load_pdf(pdf)[1].text.splitlines()


def test_a_pdf_without_rulings_keeps_pypdf_text(tmp_path):
    pdf = write_ruled_table_pdf(tmp_path / "polos.pdf", [(["Pasal 1", "Baris tanpa tabel."], [], [])])
    assert load_pdf(pdf)[0].text.splitlines() == ["Pasal 1", "Baris tanpa tabel."]


def test_a_year_target_in_a_pdf_table_is_answered_with_its_row_and_headers(renstra_pdf, embedder, tmp_path):
    from assistant.config import load_settings
    from assistant.service import Assistant
    from ingest.index import Index
    from ingest.pipeline import ingest

    corpus = renstra_pdf.parent
    index_dir = tmp_path / "index"
    report = ingest([corpus], Index(index_dir), embedder, progress=False)
    assert report.count("indexed") == 1, report.results
    answer = Assistant(load_settings(index=index_dir, corpus=corpus), embedder=embedder).ask(
        "Berapa target Indeks SPBE tahun 2025 dalam Renstra Dinas Contoh?"
    )
    assert answer.found
    assert "Target 2025: 3,10" in answer.text


def test_an_amount_split_at_a_wide_character_gap_is_joined_where_pypdf_read_it_whole():
    pypdf_text = "50 Permohonan 541.798.000Rp 1.000.000.000 40 50"
    line = "| Rp 5 41.798.000 | Rp 1 .000.000.000 | 40 50 |"
    assert rejoin_split_numbers(line, pypdf_text) == "| Rp 541.798.000 | Rp 1.000.000.000 | 40 50 |"


def test_a_table_of_paragraphs_keeps_pypdf_text():
    criterion = "Kebijakan internal terkait Tim Koordinasi SPBE telah ditetapkan dan mencakup pengaturan tugas yang mendukung penerapan SPBE pada seluruh unit kerja."
    rows = [_row((0, 50, "Tingkat"), (50, 400, "Kriteria"))] + [_row((0, 50, str(n)), (50, 400, criterion)) for n in (1, 2, 3)]
    assert grid_table(rows) is None


def test_a_pool_of_workers_reads_the_same_tables_and_continuations_as_one_process(renstra_pdf, monkeypatch):
    import ingest.pdf_tables as pdf_tables

    alone = pdf_tables.page_tables(renstra_pdf, [1, 2])
    monkeypatch.setattr(pdf_tables, "MIN_PAGES_PER_WORKER", 1)  # two pages, two workers
    monkeypatch.setattr("ingest.pool.WORKERS", 2)
    pooled = pdf_tables.page_tables(renstra_pdf, [1, 2])
    assert pooled == alone and sorted(pooled) == [1, 2]
    assert pooled[2][0].lines[0] == "| Indikator | Satuan | Target 2024 | Target 2025 | Target 2026 |"


def test_cells_that_cut_or_glue_pypdf_words_are_a_misreading():
    """A framed title banner read as a one-row table cuts its words at the cell borders ("PENGADU", "ATA");
    the page then keeps pypdf's text. A table whose cells hold pypdf's own words is kept."""
    def table(*lines: str) -> PdfTable:
        return PdfTable((0.0, 0.0, 100.0, 100.0), list(lines), [], False)

    banner = "TATA CARA PENGADUAN PENYALAHGUNAAN WEWENANG ATAU PELANGGARAN OLEH PEMERINTAH PROVINSI KALIMANTAN BARAT"
    assert _misread(table("| TATA CARA PENGADU WEWENANG ATA OLEH PEMERINTAH PRO | A V |"), banner)
    assert _misread(table("| Cakupanpendudukmiskinyangmendapat | 75 |"), "Cakupan penduduk miskin yang mendapat 75")
    targets = "Indikator Satuan Target 2025 Indeks SPBE Indeks 3,10 Prov. Kalbar"
    assert not _misread(table("| Indikator | Satuan | Target 2025 |", "| Indeks SPBE Prov. Kalbar | Indeks | 3,10 |"), targets)
    # One word that happens to start a longer one is no pattern: "Prov" beside pypdf's "Provinsi".
    assert not _misread(table("| Indeks SPBE Prov | 3,10 |"), "Indeks SPBE Provinsi 3,10")
