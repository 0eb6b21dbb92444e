"""Scanned SOP tables rebuilt from word boxes, SOP identity fields and steps, planning-document kinds, amounts."""

from __future__ import annotations

import pytest

from assistant.answer import premise_mismatch
from assistant.presentation import place_label
from assistant.query import sop_fields
from ingest.lexical import tokenize
from ingest.metadata import extract_metadata
from ingest.model import Page
from ingest.ocr_layout import Segment, Word, fill_cells, grid_cells, layout_text, page_rulings, page_text, step_number, table_rulings
from ingest.pipeline import parse_file
from ingest.sop import is_sop, parse_sop, sop_daerah, sop_title

from .make_files import SOP_IDENTITY, SOP_STEPS, draw_procedure_page, write_scanned_sop_pdf


def _word(text, left, top, width=None, key=(1, 1, 1)):
    return Word(text, left, top, left + (width or 20 * len(text)), top + 30, key)


def _procedure_table():
    """A ruled table: No | Kegiatan | Waktu | Output, header row and two step rows, 1000 px wide."""
    ys, xs = [100, 160, 300, 440], [100, 180, 600, 800, 1100]
    rows = [Segment(y, xs[0], xs[-1]) for y in ys]
    columns = [Segment(x, ys[0], ys[-1]) for x in xs]
    return rows, columns


def test_word_boxes_become_table_rows_instead_of_interleaved_lines():
    rows, columns = _procedure_table()
    # Tesseract reads a table line by line across the columns: "Menerima surat 1 hari kerja Buku Agenda".
    words = [
        _word("SOP", 100, 40, key=(1, 1, 1)), _word("PENGADUAN", 180, 40, key=(1, 1, 1)),
        _word("No", 110, 115, key=(2, 1, 1)), _word("Kegiatan", 190, 115, key=(2, 1, 1)),
        _word("Waktu", 610, 115, key=(2, 1, 1)), _word("Output", 810, 115, key=(2, 1, 1)),
        _word("1", 120, 175, key=(3, 1, 1)), _word("Menerima", 190, 175, key=(3, 1, 1)), _word("surat", 380, 175, key=(3, 1, 1)),
        _word("1", 610, 175, key=(3, 1, 1)), _word("hari", 640, 175, key=(3, 1, 1)), _word("kerja", 730, 175, key=(3, 1, 1)),
        _word("Buku", 810, 175, key=(3, 1, 1)), _word("Agenda", 910, 175, key=(3, 1, 1)),
        _word("pengaduan", 190, 215, key=(3, 1, 2)),
        _word("2", 120, 315, key=(4, 1, 1)), _word("Memeriksa", 190, 315, key=(4, 1, 1)),
        _word("3", 610, 315, key=(4, 1, 1)), _word("hari", 640, 315, key=(4, 1, 1)), _word("Disposisi", 810, 315, key=(4, 1, 1)),
    ]
    cells = grid_cells(rows, columns)
    assert len(cells) == 12
    outside = fill_cells(cells, words)
    assert [w.text for w in outside] == ["SOP", "PENGADUAN"]
    assert page_text(words, cells).splitlines() == [
        "SOP PENGADUAN",
        "",
        "| No | Kegiatan | Waktu | Output |",
        "| --- | --- | --- | --- |",
        "| 1 | Menerima surat pengaduan | 1 hari kerja | Buku Agenda |",
        "| 2 | Memeriksa | 3 hari | Disposisi |",
    ]


def test_flowchart_boxes_and_arrows_are_not_taken_for_rulings():
    rows, columns = _procedure_table()
    box = [Segment(200, 620, 760), Segment(260, 620, 760)], [Segment(620, 200, 260), Segment(760, 200, 260)]
    arrow = [Segment(690, 260, 330)]  # from the box down across the row line at y=300, ending in the next cell
    kept_rows, kept_columns = table_rulings(rows + box[0], columns + box[1] + arrow, page_width=1200)
    assert sorted(s.position for s in kept_rows) == [100, 160, 300, 440]
    assert sorted(s.position for s in kept_columns) == [100, 180, 600, 800, 1100]


def test_an_identity_page_with_a_stamp_is_no_procedure_table():
    """A stamp beside an empty cell is ink too; rows as narrow as an identity page's are never steps."""
    rows = [Segment(0, 0, 600), Segment(100, 0, 600), Segment(200, 0, 600)]
    columns = [Segment(x, 0, 200) for x in (0, 200, 600)]
    cells = grid_cells(rows, columns)
    words = [_word("Dasar", 210, 20), _word("Hukum", 330, 20), _word("UU", 210, 120)]
    fill_cells(cells, words)
    cells[0].ink = cells[3].ink = True  # the logo, and the stamp over the Dasar Hukum value
    assert "| ■ | Dasar Hukum |" in page_text(words, cells)
    assert "---" not in page_text(words, cells)


def test_merged_cells_span_their_neighbours():
    """A label cell over two value rows (an identity page's 'Disahkan oleh') stays one cell."""
    rows = [Segment(0, 0, 400), Segment(50, 200, 400), Segment(100, 0, 400)]
    columns = [Segment(0, 0, 100), Segment(200, 0, 100), Segment(400, 0, 100)]
    cells = grid_cells(rows, columns)
    assert [(c.left, c.top, c.right, c.bottom) for c in cells] == [(0, 0, 200, 100), (200, 0, 400, 50), (200, 50, 400, 100)]


IDENTITY_PAGE = """| PEMERINTAH PROVINSI KALIMANTAN BARAT | Nomor Urut SOP | 64/DISKOMINFO/2024 |
| Tanggal Pembuatan | 5 Januari 2024 |
| Tanggal Efektif | 8 Januari 2024 |
| Disahkan Oleh | Kepala Dinas Komunikasi dan Informatika |
| Nama SOP | PELARSSARAN OLEH PIHAK YANG MENDAPAT IJIN |
| Dasar Hukum | Kualifikasi Pelaksana |
| 1. UU 25 Tahun 2009 tentang Pelayanan Publik | 1. Memiliki kemampuan teknis pengawasan |
PERINGATAN
Tindak lanjut segera dilaksanakan

setelah mendapat disposisi
| Keterkaitan | Peralatan / perlengkapan |
| SOP Pengawasan | 1. Komputer 2. Printer |
PENCATATAN DAN PENDATAAN
Disimpan dalam bentuk softcopy
"""
PROCEDURE_PAGE = """SOP PELANGGARAN OLEH PIHAK YANG MENDAPAT IJIN

| NO | Aktivitas | Pelaksana Pengadu | Pelaksana Subag Umpeg | Pendukung Kelengkapan | Pendukung Waktu | Pendukung Output | KET |
| --- | --- | --- | --- | --- | --- | --- | --- |
| 1 | Pengaduan disampaikan langsung | ■ |  | Surat Pengaduan | Hari dan Jam Kerja | Surat Laporan |  |
| 2 | Mengajukan pengaduan lewat Subag Umpeg |  | ■ | Surat Laporan | 1 hari kerja | Lembar Disposisi |  |
| 3 |  |  | ■ |  |  |  |  |
"""


def test_sop_identity_fields_and_steps_from_rows():
    pages = [Page(1, IDENTITY_PAGE, ocr=True), Page(2, PROCEDURE_PAGE, ocr=True)]
    assert is_sop(pages)
    sop = parse_sop(pages)
    assert sop.fields == {
        "Nomor SOP": "64/DISKOMINFO/2024",
        "Tanggal Pembuatan": "5 Januari 2024",
        "Tanggal Efektif": "8 Januari 2024",
        "Disahkan oleh": "Kepala Dinas Komunikasi dan Informatika",
        "Nama SOP": "PELARSSARAN OLEH PIHAK YANG MENDAPAT IJIN",  # a stamp over the cell, as OCR reads it
        "Dasar Hukum": "1. UU 25 Tahun 2009 tentang Pelayanan Publik",
        "Kualifikasi Pelaksana": "1. Memiliki kemampuan teknis pengawasan",
        "Peringatan": "Tindak lanjut segera dilaksanakan setelah mendapat disposisi",
        "Keterkaitan": "SOP Pengawasan",
        "Peralatan/Perlengkapan": "1. Komputer 2. Printer",
        "Pencatatan dan Pendataan": "Disimpan dalam bentuk softcopy",  # up to the procedure page's heading
    }
    assert sop_title(sop) == "SOP PELANGGARAN OLEH PIHAK YANG MENDAPAT IJIN"  # the procedure page's clear heading
    assert len(sop.steps) == 2  # the row a decision arrow cut off holds a mark only: no step
    assert sop.steps[1] == (
        "2",
        [("Aktivitas", "Mengajukan pengaduan lewat Subag Umpeg"), ("Pelaksana", "Subag Umpeg"),
         ("Pendukung Kelengkapan", "Surat Laporan"), ("Pendukung Waktu", "1 hari kerja"), ("Pendukung Output", "Lembar Disposisi")],
        2,
    )


def test_a_document_is_an_sop_by_its_labels_not_its_name():
    regulation = Page(1, "PERATURAN GUBERNUR\nNOMOR 5 TAHUN 2024\nTENTANG STANDAR OPERASIONAL PROSEDUR\nPasal 1\nNomor SOP ditetapkan")
    assert not is_sop([regulation])


@pytest.mark.parametrize(
    ("text", "jenis", "tahun", "title"),
    [
        ("(RENSTRA)\nPROVINSI KALIMANTAN BARAT\nDINAS KOMUNIKASI DAN INFORMATIKA\n2024-2026\nKATA PENGANTAR\nPuji syukur",
         "Rencana Strategis", 2024, "Rencana Strategis Provinsi Kalimantan Barat Dinas Komunikasi dan Informatika 2024-2026"),
        ('---\ntitle: "BAB II: Kebijakan Pembangunan"\n---\nBAB II\nKebijakan Pembangunan\nRPJMN Tahun 2025–2029 sebagai Tahap',
         "RPJMN", 2025, "RPJMN 2025–2029, BAB II: Kebijakan Pembangunan"),
        ("RENCANA PEMBANGUNAN JANGKA MENENGAH DAERAH\nKABUPATEN CONTOH\nTAHUN 2021-2026\nBAB I", "RPJMD", 2021, None),
        ("RANCANGAN AKHIR\nRENCANA KERJA PEMERINTAH DAERAH (RKPD)\nTAHUN 2025\nBAB I", "RKPD", None, None),
    ],
)
def test_planning_documents_get_their_own_kind(text, jenis, tahun, title):
    document = extract_metadata("plan.pdf", [Page(1, text)])
    assert (document.jenis, document.tahun) == (jenis, tahun)
    if title:
        assert document.title == title and document.short_name == title


def test_an_apbd_perda_stays_a_regulation():
    text = "PERATURAN DAERAH PROVINSI KALIMANTAN BARAT\nNOMOR 7 TAHUN 2023\nTENTANG\nANGGARAN PENDAPATAN DAN BELANJA DAERAH TAHUN ANGGARAN 2024\nDENGAN RAHMAT TUHAN YANG MAHA ESA"
    document = extract_metadata("apbd.pdf", [Page(1, text)])
    assert (document.jenis, document.nomor, document.tahun) == ("Peraturan Daerah", "7", 2023)


def test_amounts_share_tokens_however_their_digits_are_grouped():
    exact = tokenize("pagu Rp1.234.567.890,00")
    assert "1234567890" in exact and "1234567890" in tokenize("sebesar 1234567890 rupiah")
    assert set(tokenize("1,23 miliar")) <= set(exact)  # the rounded value in words
    assert "2500000" in tokenize("Rp 2,5 juta") and "2500000" in tokenize("Rp2.500.000")
    assert tokenize("Pasal 2.1.3 tahun 2026 indeks 2,60") == ["pasal", "2", "1", "3", "tahun", "2026", "indeks", "2", "60"]


def _steps_of_drawn_page(**drawing) -> list[tuple[str, list[tuple[str, str]], int | None]]:
    """The steps read from a drawn procedure page, with the drawn text lines as Tesseract's word boxes."""
    image, texts = draw_procedure_page(**drawing)
    words = [Word(text, *box, (i, 1, 1)) for i, (text, box) in enumerate(texts)]
    rows, columns = page_rulings(image)
    return parse_sop([Page(2, layout_text(image, rows, columns, words), ocr=True)]).steps


def _expected_step(number, activity, actor, requirement, time, output) -> tuple[str, list[tuple[str, str]], int]:
    return number, [("Kegiatan", " ".join(activity)), ("Pelaksana", actor), ("Kelengkapan", requirement), ("Waktu", time), ("Output", output)], 2


def test_a_bowed_ruling_keeps_the_last_row_of_a_photographed_table():
    """A phone photo bends the table's bottom ruling: its left end lies 20 px below its right, a flat
    stretch bulges 1 px, and it breaks beside a column ruling. Joined piece by piece with their running
    mean, its pixel rows became two lines 20 px apart, and the last step's Kegiatan, Waktu and Output
    fell outside the table (Dinas Kominfo Kalbar's 'Mengumumkan informasi publik', 15 menit)."""
    assert _steps_of_drawn_page(photographed=True) == [_expected_step(*step) for step in SOP_STEPS]


def test_banner_rows_across_the_procedure_table_are_no_steps():
    """A stage heading ("TAHAP 2") in one cell beside the No column was numbered as a step by its position;
    "TAHAP 1" right under the header is no part of the column names."""
    assert _steps_of_drawn_page(stages=True) == [_expected_step(*step) for step in SOP_STEPS]


@pytest.mark.slow
@pytest.mark.parametrize("drawing", [{}, {"stages": True, "photographed": True}], ids=["flat", "photographed-with-stages"])
def test_scanned_sop_is_read_cell_by_cell_with_real_ocr(tmp_path, drawing):
    """A generated image-only SOP through the real Tesseract: identity fields and steps, not interleaved lines."""
    path = write_scanned_sop_pdf(tmp_path / "scan.pdf", **drawing)
    document, passages, _ = parse_file("scan.pdf", path, "0" * 64, ocr=True)
    assert (document.jenis, document.nomor, document.tahun) == ("SOP", SOP_IDENTITY[0][1], 2024)
    assert document.title == "SOP Pelayanan Pengaduan Masyarakat"
    by_place = {place_label(p.location()): p for p in passages}
    assert by_place["Identitas SOP › Tanggal Efektif"].text == "Tanggal Efektif: 8 Januari 2024"
    assert by_place["Identitas SOP › Nomor SOP"].page_start == 1
    for number, activity, actor, requirement, time, output in SOP_STEPS:
        step = by_place[f"Langkah {number}"]
        assert step.text == (
            f"Langkah {number}: Kegiatan: {' '.join(activity)}; Pelaksana: {actor}; Kelengkapan: {requirement}; "
            f"Waktu: {time}; Output: {output}"
        )
        assert step.page_start == 2 and step.ocr
        assert step.header.startswith("SOP Pelayanan Pengaduan Masyarakat › Langkah")
    assert sorted(place for place in by_place if place.startswith("Langkah")) == [f"Langkah {step[0]}" for step in SOP_STEPS]


@pytest.mark.parametrize(
    ("first_page", "daerah"),
    [
        ("| .A— PEMERINTAH PROVISI KALIMANTAN BARAT DINAS KOMUNIKASI DAN INFORMATIKA | Nomor SOP | 12/SOP/2024", "Provinsi Kalimantan Barat"),
        ("PEMERINTAH KABUPATEN BLITAR\nBADAN PERENCANAAN PEMBANGUNAN DAERAH\nNomor SOP: 3/2023", "Kabupaten Blitar"),
        ("KOTA BLITAR | Nomor SOP | 1", "Kota Blitar"),
        ("Dasar Hukum: Peraturan Gubernur Provinsi Jawa Timur Nomor 5 Tahun 2020", None),  # a title in the Dasar Hukum is no issuer
    ],
)
def test_an_sops_region_is_the_issuer_at_the_head_of_its_identity_page(first_page, daerah):
    """Every step of an SOP belongs to the region of the office that issued it, though no step names it."""
    assert sop_daerah([Page(1, first_page, ocr=True)]) == daerah


def test_a_false_premise_names_the_figure_the_documents_do_not_state():
    quoted = ["Nilai SPBE Pemerintah Daerah 3,58 3,63 3,68 3,73 3,73"]
    assert premise_mismatch("Katanya target Nilai SPBE tahun 2026 di Renstra hanya 2,0, benar?", quoted) == ["2,0"]
    assert premise_mismatch("Katanya target Nilai SPBE tahun 2026 3,73, benar?", quoted) == []  # the year is not the claim
    assert premise_mismatch("Berapa target Nilai SPBE tahun 2026?", quoted) == []  # no premise asserted
    assert premise_mismatch("Apakah benar pagunya Rp1.000.000.000?", ["Rp 1.000.000.000"]) == []


def test_a_lone_step_number_read_as_a_lookalike_is_still_a_number():
    assert [step_number(t) for t in ("1", "12.", "|", "l", "O", "Kegiatan", "", "2024a")] == ["1", "12", "1", "1", "0", None, None, None]


@pytest.mark.parametrize(
    ("question", "fields"),
    [
        ("Apa saja peralatan/perlengkapan SOP pelanggaran?", ("Peralatan/Perlengkapan",)),
        ("Peralatan apa yang dipakai dalam SOP pelayanan?", ("Peralatan/Perlengkapan",)),
        ("Apa dasar hukum SOP pelanggaran?", ("Dasar Hukum",)),
        ("Apa kelengkapan pengaduan di langkah 2?", ()),  # a step's "kelengkapan" is no identity field
    ],
)
def test_the_identity_field_a_question_names(question, fields):
    assert sop_fields(question) == fields


def test_a_question_naming_an_identity_field_is_answered_by_that_field(tmp_path_factory, embedder):
    from assistant.config import load_settings
    from assistant.service import Assistant
    from ingest.index import Index
    from ingest.pipeline import ingest

    corpus = tmp_path_factory.mktemp("sop-corpus")
    (corpus / "sop-contoh-pelanggaran.txt").write_text(f"{IDENTITY_PAGE}\n{PROCEDURE_PAGE}", encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("sop-index")
    ingest([corpus], Index(index_dir), embedder, progress=False)
    answer = Assistant(load_settings(index=index_dir, corpus=corpus), embedder=embedder).ask("Peralatan apa yang dipakai untuk mengajukan pengaduan lewat Subag Umpeg dalam SOP pelanggaran?")
    first = answer.hits[0]
    assert first.passage.path == ["Identitas SOP", "Peralatan/Perlengkapan"] and "sop_field" in first.ranks
    assert "Komputer" in answer.text
