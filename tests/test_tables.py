"""Tables as citable rows, and small units returned inside their parent passage (issue 14 items 1 and 4).

Fixtures are our own: a planning document's indicator table, Markdown with pipe, tab-separated and
HTML tables, and a research-style report with one long section. Real loaders, real Chroma, the real
embedder.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from ingest.tables import find_tables, pipe_tables_in_text, split_tables

TWO_TABLES = """Bagian ini memuat dua tabel.

Tabel 3.1 Anggaran Bidang Aplikasi
| Program | 2025 | 2026 |
|---|---|---|
| Pengembangan Aplikasi | Rp1.250.000.000 | Rp1.400.000.000 |
| Pemeliharaan Server | Rp300.000.000 | Rp320.000.000 |
| Kegiatan | Pelaksana |
|---|---|
| Audit TIK | Bidang Persandian |

Tabel 3.2 Jumlah Pegawai
| Unit | Jumlah |
|---|---|
| Sekretariat | 12 |
"""

TSV = "Data Desa Tanpa Sinyal di Kabupaten Contoh\n\nNo.\tKecamatan\tDesa\n1.\tSumberjaya\tKedungrejo\n2.\tSumberjaya\tWatulimo\n3.\tPantai Timur\tBanyuurip\n\nSumber: Dinas Kominfo, 2024\n"

HTML = """Tabel 5 Capaian Layanan
<table><thead><tr><th rowspan="2">Layanan</th><th colspan="2">Capaian</th></tr>
<tr><th>2023</th><th>2024</th></tr></thead>
<tbody><tr><td>Aduan Daring</td><td>81%</td><td>88%</td></tr><tr><td>Data Terbuka</td><td>64%</td><td>72%</td></tr></tbody></table>
"""


def test_two_adjacent_tables_stay_separate_with_their_own_captions():
    spans = find_tables(TWO_TABLES.split("\n"))
    assert [span.table.caption for span in spans] == ["Tabel 3.1 Anggaran Bidang Aplikasi", "", "Tabel 3.2 Jumlah Pegawai"]
    assert spans[0].table.columns == ["Program", "2025", "2026"]
    assert [row[0] for row in spans[0].table.rows] == ["Pengembangan Aplikasi", "Pemeliharaan Server"]
    assert spans[1].table.columns == ["Kegiatan", "Pelaksana"] and spans[1].table.rows == [["Audit TIK", "Bidang Persandian"]]
    _, rows = split_tables(TWO_TABLES)
    assert rows[1].display == "Program: Pemeliharaan Server; 2025: Rp300.000.000; 2026: Rp320.000.000"
    assert rows[2].search == "Kegiatan: Audit TIK; Pelaksana: Bidang Persandian"  # no caption borrowed from a neighbour


@pytest.mark.parametrize(
    "text, caption, columns, rows",
    [
        (  # tab-separated: one table with every row
            TSV,
            "Data Desa Tanpa Sinyal di Kabupaten Contoh",
            ["No.", "Kecamatan", "Desa"],
            [["1.", "Sumberjaya", "Kedungrejo"], ["2.", "Sumberjaya", "Watulimo"], ["3.", "Pantai Timur", "Banyuurip"]],
        ),
        (  # HTML: a header spanning columns heads each of them
            HTML,
            "Tabel 5 Capaian Layanan",
            ["Layanan", "Capaian 2023", "Capaian 2024"],
            [["Aduan Daring", "81%", "88%"], ["Data Terbuka", "64%", "72%"]],
        ),
    ],
    ids=["tab-separated", "html"],
)
def test_text_tables_become_one_pipe_table(text, caption, columns, rows):
    spans = find_tables(pipe_tables_in_text(text).split("\n"))
    assert len(spans) == 1
    table = spans[0].table
    assert (table.caption, table.columns, table.rows) == (caption, columns, rows)


INDICATORS = [
    ["Indikator", "2024", "2025", "2026"],
    ["Indeks SPBE", "3,00", "3,10", "3,25"],
    ["Indeks Keterbukaan Informasi", "90,14", "90,64", "91,14"],
    ["Layanan Terintegrasi", "40%", "55%", "70%"],
]


RENSTRA = "\n".join(
    [
        "# RENCANA STRATEGIS DINAS KOMUNIKASI DAN INFORMATIKA KABUPATEN CONTOH",
        "## BAB IV TUJUAN DAN SASARAN",
        "Tujuan dan sasaran diukur dengan indikator berikut.",
        "",
        "Tabel 4.1 Target Indikator Kinerja",
        *(("| " + " | ".join(row) + " |") for row in INDICATORS[:1]),
        "|---|---|---|---|",
        *(("| " + " | ".join(row) + " |") for row in INDICATORS[1:]),
        "",
        "Target ditinjau setiap tahun dalam rapat evaluasi kinerja.",
    ]
)

REPORT_SECTION = [
    "# Laporan Kajian Layanan Digital Kabupaten Contoh 2024",
    "",
    "## 3.2 Faktor Pendukung dan Penghambat",
    "",
    "a) Sumber Daya",
    "Ketersediaan sumber daya manusia di bidang teknologi informasi masih terbatas pada beberapa perangkat daerah. "
    "Pelatihan teknis diselenggarakan dua kali setahun oleh dinas yang membidangi komunikasi dan informatika. "
    "Sebagian besar pelatihan diikuti oleh operator aplikasi di kecamatan.",
    "b) Komunikasi",
    "Koordinasi antarperangkat daerah dilakukan melalui forum bulanan yang dipimpin oleh sekretaris daerah. "
    "Forum tersebut membahas kendala integrasi data dan rencana pengembangan layanan. "
    "Notulen forum disampaikan kepada seluruh kepala perangkat daerah.",
    "c) Disposisi",
    "Sikap pelaksana terhadap program kota cerdas umumnya positif, walaupun sebagian pegawai senior masih memilih cara kerja manual. "
    "Dukungan pimpinan daerah dinilai kuat sejak program dimulai.",
    "d) Struktur Birokrasi",
    "Prosedur operasi standar untuk layanan pengaduan daring belum ditetapkan, sehingga waktu tindak lanjut aduan berbeda antarperangkat daerah. "
    "Menara pemancar di tiga desa pesisir baru dibangun pada akhir tahun 2024 oleh penyedia jaringan swasta.",
    "",
]


@pytest.fixture(scope="module")
def table_assistant(tmp_path_factory, embedder):
    from assistant.config import load_settings
    from assistant.service import Assistant
    from ingest.index import Index
    from ingest.pipeline import ingest

    corpus = tmp_path_factory.mktemp("tables-corpus")
    (corpus / "renstra-dinas-contoh-2024-2026.md").write_text(RENSTRA, encoding="utf-8")
    (corpus / "laporan-tabel-contoh.md").write_text("# Laporan Data Contoh\n\n" + TWO_TABLES + "\n" + TSV + "\n" + HTML, encoding="utf-8")
    (corpus / "laporan-kajian-contoh.md").write_text("\n".join(REPORT_SECTION), encoding="utf-8")
    for name in ("renstra-dinas-contoh-2024-2026", "laporan-tabel-contoh", "laporan-kajian-contoh"):
        (corpus / f"{name}.meta.toml").write_text('jenis = "Laporan"\n', encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("tables-index")
    report = ingest([corpus], Index(index_dir), embedder, progress=False)
    assert report.count("indexed") == 3, report.results
    return Assistant(load_settings(index=index_dir, corpus=corpus), embedder=embedder)


def test_question_about_one_cell_returns_the_row_with_headers_and_caption(table_assistant):
    answer = table_assistant.ask("Berapa target Indeks SPBE tahun 2025 dalam Renstra Dinas Kabupaten Contoh?")
    assert answer.found
    top = answer.hits[0]
    assert top.document.source == "renstra-dinas-contoh-2024-2026.md"
    assert top.units and top.units[0].text == "Indikator: Indeks SPBE; 2024: 3,00; 2025: 3,10; 2026: 3,25"
    assert "Tabel 4.1 Target Indikator Kinerja" in top.units[0].header
    assert "“Indikator: Indeks SPBE; 2024: 3,00; 2025: 3,10; 2026: 3,25”" in answer.text  # the row, with its headers
    table = answer.tables[0]
    assert table["caption"] == "Tabel 4.1 Target Indikator Kinerja"
    assert table["columns"] == INDICATORS[0] and ["Indeks SPBE", "3,00", "3,10", "3,25"] in table["rows"]


def test_markdown_tsv_and_html_rows_are_found_by_label_and_header(table_assistant):
    cases = [
        ("Berapa anggaran program Pemeliharaan Server tahun 2026?", "2026: Rp320.000.000"),
        ("Di kecamatan mana desa Watulimo yang tidak ada sinyal?", "Kecamatan: Sumberjaya; Desa: Watulimo"),
        ("Berapa capaian layanan Data Terbuka tahun 2024?", "Capaian 2024: 72%"),
    ]
    for question, row in cases:
        answer = table_assistant.ask(question)
        assert answer.hits[0].document.source == "laporan-tabel-contoh.md", question
        assert any(row in unit.text for unit in answer.hits[0].units), (question, [u.text for u in answer.hits[0].units])
        assert row in answer.text, (question, answer.text)


def test_long_section_is_found_and_quoted_by_its_answering_sentence(table_assistant):
    """Prose gets no units (only table rows do): the section is found whole and the answer quotes
    the sentence that answers, not the section's opening."""
    answer = table_assistant.ask("Kapan menara pemancar di desa pesisir dibangun?")
    top = answer.hits[0]
    assert top.document.source == "laporan-kajian-contoh.md"
    assert "a) Sumber Daya" in top.passage.text and "d) Struktur Birokrasi" in top.passage.text  # the parent, whole
    assert not top.passage.parent and not top.units
    assert "akhir tahun 2024" in answer.text


def test_units_stay_out_of_the_document_structure(table_assistant):
    corpus = table_assistant.retriever.corpus
    units = [p for p in table_assistant.index.catalog.passages() if p.parent]
    assert units and all(p.parent in corpus and corpus.parent_of(p.id) == p.parent for p in units)
    assert all(p.id in corpus.units_of(p.parent) for p in units)
    assert not any(p.parent for source in corpus.documents for p in corpus.passages_of(source))
    assert table_assistant.index.inconsistencies() == []  # every unit has its vector and lexical entry


def test_table_answer_renders_as_a_table_in_the_app(table_assistant, monkeypatch, tmp_path):
    from .test_app import APP, ask, start

    monkeypatch.setenv("ASISTEN_INDEX", str(table_assistant.settings.index))
    monkeypatch.setenv("ASISTEN_FEEDBACK", str(tmp_path / "feedback.sqlite"))
    for name in ("ASISTEN_ADMIN_SECRET", "ASISTEN_LLM", "ASISTEN_LANGUAGE", "ASISTEN_TOP_K", "ASISTEN_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    app = ask(start(APP), "Berapa target Indeks SPBE tahun 2025 dalam Renstra Dinas Kabupaten Contoh?")
    shown = [str(element.value) for element in app.markdown]
    table = next(text for text in shown if "| Indikator | 2024 | 2025 | 2026 |" in text)
    assert "| Indeks SPBE | 3,00 | 3,10 | 3,25 |" in table and "Tabel 4.1 Target Indikator Kinerja" in table


def test_table_cells_render_inert_and_keep_their_columns():
    from assistant.highlight import safe_markdown_table

    from .test_render_safety import LINK_OR_IMAGE, PAYLOADS, assert_inert

    markdown = safe_markdown_table(["Layanan", "Tautan | alamat"], [[payload, "http://e.example/x"] for payload in PAYLOADS], "Tabel 9 ![x](http://e.example/c.png)")
    assert_inert(markdown)
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    rows = re.findall(r"<tr>(.*?)</tr>", rendered, re.DOTALL)
    assert len(rows) == 1 + len(PAYLOADS) and all(len(re.findall(r"<t[dh]\b", row)) == 2 for row in rows)  # `|` in a cell is text
    assert "Tautan | alamat" in rendered and not LINK_OR_IMAGE.search(rendered)


def test_units_are_found_within_a_filter(table_assistant):
    from assistant.retrieval import Filters

    only = Filters(source=("laporan-tabel-contoh.md",))
    answer = table_assistant.ask("Berapa capaian layanan Aduan Daring tahun 2023?", filters=only)
    assert answer.hits and all(hit.document.source == "laporan-tabel-contoh.md" for hit in answer.hits)
    assert "Aduan Daring" in answer.hits[0].units[0].text
    retriever = table_assistant.retriever
    units = {p.id for p in table_assistant.index.catalog.passages("laporan-tabel-contoh.md") if p.parent}
    assert units and units <= retriever._allowed(only)  # BM25 searches the units the filter admits, not only passages
