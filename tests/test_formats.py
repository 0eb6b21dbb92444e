"""DOCX and HTML documents: headings, Pasal and Lampiran tables whose rows stay whole in one passage."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.index import Index
from ingest.markup import html_text
from ingest.pipeline import ingest

ROWS = [(str(n), f"Jabatan Fungsional Contoh Nomor {n}", f"Unit Kerja Contoh {n % 7}", f"{n * 3} orang") for n in range(1, 81)]
TITLE = [
    "PERATURAN BUPATI CONTOH", "NOMOR 7 TAHUN 2024", "TENTANG", "FORMASI JABATAN FUNGSIONAL",
    "DENGAN RAHMAT TUHAN YANG MAHA ESA", "BUPATI CONTOH,",
    "Menimbang : bahwa formasi jabatan fungsional perlu ditetapkan;",
    "Mengingat : Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
    "MEMUTUSKAN:", "Menetapkan : PERATURAN BUPATI TENTANG FORMASI JABATAN FUNGSIONAL.",
]
CLOSING = ["Ditetapkan di Contoh", "pada tanggal 2 Januari 2024", "BUPATI CONTOH,", "ttd", "NAMA BUPATI"]
LAMPIRAN = ["LAMPIRAN", "PERATURAN BUPATI CONTOH", "NOMOR 7 TAHUN 2024", "TENTANG FORMASI JABATAN FUNGSIONAL"]
PASAL = [
    ("Pasal 1", "Formasi jabatan fungsional di lingkungan Pemerintah Kabupaten Contoh tercantum dalam Lampiran."),
    ("Pasal 2", "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan."),
]


def _row_line(row: tuple[str, ...]) -> str:
    return "| " + " | ".join(row) + " |"


def write_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in TITLE:
        document.add_paragraph(line)
    for heading, body in PASAL:
        document.add_paragraph(heading)
        document.add_paragraph(body)
    for line in CLOSING:
        document.add_paragraph(line)
    document.add_heading(LAMPIRAN[0], level=1)
    for line in LAMPIRAN[1:]:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ("No", "Nama Jabatan", "Unit Kerja", "Kebutuhan")):
        cell.text = text
    for row in ROWS:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    document.save(path)
    return path


def write_html(path: Path) -> Path:
    rows = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in ROWS)
    body = "".join(f"<p>{line}</p>" for line in TITLE) + "".join(f"<h3>{h}</h3><p>{b}</p>" for h, b in PASAL)
    body += "".join(f"<p>{line}</p>" for line in CLOSING) + f"<h2>{LAMPIRAN[0]}</h2>" + "".join(f"<p>{line}</p>" for line in LAMPIRAN[1:])
    html = (
        "<!doctype html><html><head><title>JDIH</title><style>p {color: red}</style></head><body>"
        "<nav>Beranda | Produk Hukum</nav><script>var x = 'Pasal 99 skrip';</script>"
        f"{body}"
        f"<table><tr><th>No</th><th>Nama Jabatan</th><th>Unit Kerja</th><th>Kebutuhan</th></tr>{rows}</table>"
        "<p>Catatan: salinan sesuai aslinya &amp; lengkap.</p></body></html>"
    )
    path.write_text(html, encoding="utf-8")
    return path


def test_html_text_keeps_structure_and_drops_scripts():
    text = html_text("<h2>BAB I</h2><p>Isi&nbsp;satu<br>dua</p><script>alert(1)</script><table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>x | y</td></tr></table>")
    assert text.splitlines() == ["## BAB I", "Isi satu", "dua", "", "| A | B |", "| --- | --- |", "| 1 | x / y |"]


@pytest.mark.parametrize("writer", [write_docx, write_html], ids=["docx", "html"])
def test_lampiran_table_rows_stay_whole(tmp_path, embedder, writer):
    suffix = ".docx" if writer is write_docx else ".html"
    path = writer(tmp_path / f"perbup-contoh-7-2024{suffix}")
    report = ingest([path], Index(tmp_path / "index"), embedder, progress=False)
    (result,) = report.results
    assert result.status == "indexed", result.message
    index = Index(tmp_path / "index")
    document = next(doc for doc, _, _ in index.catalog.documents())
    assert (document.jenis, document.nomor, document.tahun) == ("Peraturan Bupati", "7", 2024)
    passages = index.catalog.passages(path.name)
    assert {p.pasal for p in passages if p.kind == "pasal"} == {"1", "2"}
    assert "skrip" not in " ".join(p.text for p in passages) and "Beranda" not in " ".join(p.text for p in passages)
    table_passages = [p for p in passages if "| Jabatan Fungsional Contoh" in p.text]
    assert len(table_passages) > 1  # the table is longer than one passage...
    for row in ROWS:  # ...yet every row sits whole, on its own line, in exactly one passage
        holders = [p for p in table_passages if _row_line(row) in p.text.splitlines()]
        assert len(holders) == 1, row
    for passage in table_passages:  # and each piece carries the header row
        assert "| No | Nama Jabatan | Unit Kerja | Kebutuhan |" in passage.text
        assert passage.kind == "lampiran"
