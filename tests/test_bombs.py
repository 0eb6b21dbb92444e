"""Decompression and pixel bombs: refused from sizes read before unpacking or rendering, with their own problem codes.

Each bomb is a real file (a Word document padded to 1 GB, a 200-inch PDF page) through the real
pipeline; peak memory shows that nothing was inflated or rendered.
"""

from __future__ import annotations

import io
import resource
import time
import zipfile

import pytest

from assistant.pdfpage import MAX_PIXELS as PREVIEW_MAX_PIXELS
from assistant.pdfpage import page_png
from ingest import ocr
from ingest.index import Index
from ingest.loaders import MAX_DOCX_PART_MB, MAX_DOCX_RATIO, MAX_DOCX_UNPACKED_MB, unpacked_size_excess
from ingest.pipeline import ingest
from ingest.rendering import PageTooLarge, fit_scale

from .make_files import regulation_lines, write_docx_bomb, write_large_page_pdf, write_regulation_pdf, write_scanned_pdf
from .test_formats import write_docx

MB = 2**20


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_docx_bomb_is_refused_before_unpacking(tmp_path, embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a-teh.txt").write_text("\n".join(regulation_lines("teh", "teh manis")), encoding="utf-8")
    bomb = write_docx_bomb(corpus / "lampiran.docx", inflated_bytes=2**30)
    assert bomb.stat().st_size < 2 * MB
    with zipfile.ZipFile(bomb) as package:
        assert package.getinfo("word/document.xml").file_size == 2**30

    peak_before, started = peak_rss_mb(), time.perf_counter()
    report = ingest([corpus], Index(tmp_path / "index"), embedder, progress=False)
    seconds = time.perf_counter() - started
    results = {r.source: r for r in report.results}
    assert results["a-teh.txt"].status == "indexed"
    refused = results["lampiran.docx"]
    assert (refused.status, refused.problem.code) == ("failed", "docx_bomb")
    assert "word/document.xml 1024.0 MB > 100 MB" in refused.message and "bom zip" in refused.message
    assert "zip bomb" in refused.describe("en")
    assert seconds < 30  # generous: inflating and parsing 1 GB of XML takes minutes
    assert peak_rss_mb() - peak_before < 300  # nothing close to the 1 GB part was held in memory
    assert {p.source for p in Index(tmp_path / "index").catalog.passages()} == {"a-teh.txt"}


def _member(name: str, size: int, packed: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.file_size, info.compress_size = size, packed
    return info


def test_unpacked_size_limits_per_part_ratio_and_total(tmp_path):
    with zipfile.ZipFile(write_docx(tmp_path / "biasa.docx")) as package:
        assert unpacked_size_excess(package.infolist()) is None  # a real Word document passes
    part = _member("word/document.xml", (MAX_DOCX_PART_MB + 1) * MB, 50 * MB)
    assert unpacked_size_excess([part]) == f"word/document.xml {MAX_DOCX_PART_MB + 1:.1f} MB > {MAX_DOCX_PART_MB} MB"
    packed_tight = _member("word/document.xml", 50 * MB, 50 * MB // (MAX_DOCX_RATIO * 2))
    assert unpacked_size_excess([packed_tight]) == f"word/document.xml {MAX_DOCX_RATIO * 2}x > {MAX_DOCX_RATIO}x"
    assert unpacked_size_excess([_member("word/styles.xml", 200_000, 100)]) is None  # tiny parts may pack tight
    media = [_member(f"word/media/image{n}.png", 90 * MB, 90 * MB) for n in range(4)]
    assert unpacked_size_excess(media) == f"total 360.0 MB > {MAX_DOCX_UNPACKED_MB} MB"


def test_damaged_zip_is_still_bad_docx(tmp_path):
    from ingest.loaders import load_pages
    from ingest.problems import LoadError

    damaged = tmp_path / "rusak.docx"
    damaged.write_bytes(write_docx(tmp_path / "utuh.docx").read_bytes()[:3000])
    with pytest.raises(LoadError) as error:
        load_pages(damaged)
    assert error.value.problem.code == "bad_docx"


def test_scale_is_lowered_to_the_pixel_cap_and_refused_below_the_minimum():
    assert fit_scale(595, 842, 300 / 72, 40_000_000, 150 / 72) == 300 / 72  # A4 at 300 dpi fits
    lowered = fit_scale(2384, 3370, 300 / 72, 40_000_000, 150 / 72)  # A0 at 300 dpi is 139 megapixels
    assert 150 / 72 <= lowered < 300 / 72 and 2384 * lowered * 3370 * lowered == pytest.approx(40_000_000)
    with pytest.raises(PageTooLarge, match="14400x14400 pt"):
        fit_scale(14400, 14400, 300 / 72, 40_000_000, 150 / 72)
    with pytest.raises(PageTooLarge):  # small enough in pixels, but 7 dpi is no preview
        fit_scale(14400, 14400, 1400 / 14400, 12_000_000, 1 / 3)


def test_oversized_page_is_refused_for_ocr_with_a_note(tmp_path, embedder):
    pdf = write_large_page_pdf(tmp_path / "peta.pdf", 14400, 14400)
    peak_before = peak_rss_mb()
    report = ingest([pdf], Index(tmp_path / "index"), embedder, progress=False, ocr=True)
    (result,) = report.results
    assert result.status == "indexed" and result.pages == 2  # the regulation page is still indexed
    assert [(n.code, n.values["pages"]) for n in result.notes] == [("page_too_large", "2")]
    assert "terlalu besar untuk OCR" in result.message and "too large for OCR" in result.describe("en")
    assert peak_rss_mb() - peak_before < 300  # 14,400 pt at 150 dpi would be 900 MB of gray pixels


def test_oversized_page_is_refused_for_preview_and_a_tall_page_is_scaled_down(tmp_path):
    from PIL import Image

    huge = write_large_page_pdf(tmp_path / "peta.pdf", 14400, 14400)
    assert page_png(huge, 1).startswith(b"\x89PNG")
    with pytest.raises(PageTooLarge) as error:
        page_png(huge, 2)
    assert (error.value.width_pt, error.value.height_pt) == (14400, 14400)

    tall = write_large_page_pdf(tmp_path / "gulungan.pdf", 576, 14400)  # 1400 px wide would be 47 megapixels
    image = Image.open(io.BytesIO(page_png(tall, 2)))
    assert image.width < 1400 and image.width * image.height <= PREVIEW_MAX_PIXELS * 1.01


def test_tesseract_timeout_is_a_note_on_the_page_not_a_crash(tmp_path, embedder, monkeypatch):
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=write_regulation_pdf(tmp_path / "teks.pdf", "arsip pindaian"))
    writer.append(write_scanned_pdf(tmp_path / "pindai.pdf"))  # two real scanned pages
    mixed = tmp_path / "campuran.pdf"
    with mixed.open("wb") as handle:
        writer.write(handle)
    monkeypatch.setattr(ocr, "TIMEOUT_SECONDS", 0.01)  # the real Tesseract, killed at the limit
    report = ingest([mixed], Index(tmp_path / "index"), embedder, progress=False, ocr=True)
    (result,) = report.results
    assert result.status == "indexed" and result.pages == 3
    assert [(n.code, n.values["pages"]) for n in result.notes] == [("ocr_timeout", "2–3")]
    assert "batas waktu" in result.message
