"""The OCR page cache and pool with the real Tesseract on the real image-only pages of Perbup Blitar 116/2022:
a page read once is never read again, a changed page is, a damaged cache only costs time, the
pool gives the pages in order with the text of the sequential path, and the file behind a scanned
one is parsed while it is read."""

from __future__ import annotations

import sqlite3

import pytest

from ingest import ocr, pool
from ingest.index import Index
from ingest.model import Page
from ingest.ocr import OcrCache, read_scanned_pages
from ingest.pipeline import ingest

from .make_files import write_regulation_pdf, write_scanned_pdf


def count_tesseract(patch: pytest.MonkeyPatch) -> list[str]:
    """The languages of the real Tesseract's page readings (one `image_to_data` call a page), all done in
    this process: with one worker there is no pool, so every reading is counted."""
    import pytesseract

    calls: list[str] = []
    real = pytesseract.image_to_data

    def counting(image, lang=None, **options):
        calls.append(lang)
        return real(image, lang=lang, **options)

    patch.setattr(pytesseract, "image_to_data", counting)
    patch.setattr(pool, "WORKERS", 1)
    return calls


def ocr_texts(index: Index) -> list[tuple[int | None, str]]:
    return [(p.page_start, " ".join([*p.path, p.text])) for p in index.catalog.passages() if p.ocr]


@pytest.fixture(scope="module")
def first_reading(tmp_path_factory, embedder):
    """The two scanned pages ingested once with a fresh cache: (folder, PDF, cache file, report, readings)."""
    root = tmp_path_factory.mktemp("ocr-cache")
    scanned = write_scanned_pdf(root / "pindai.pdf")
    cache = root / "ocr-cache.sqlite"
    with pytest.MonkeyPatch.context() as patch:
        calls = count_tesseract(patch)
        report = ingest([scanned], Index(root / "a"), embedder, progress=False, ocr_cache=OcrCache.open(cache))
    return root, scanned, cache, report, calls


def test_a_second_index_reads_no_page_again_and_gets_the_same_passages(first_reading, embedder, monkeypatch):
    root, scanned, cache, first, first_calls = first_reading
    assert first_calls == ["ind", "ind"] and first.count("indexed") == 1
    calls = count_tesseract(monkeypatch)

    second = ingest([scanned], Index(root / "b"), embedder, progress=False, ocr_cache=OcrCache.open(cache))

    assert calls == []
    assert second.count("indexed") == 1 and second.results[0].notes == first.results[0].notes
    assert [(n.code, n.values) for n in second.results[0].notes] == [("ocr_done", {"pages": "1–2"})]
    assert Index(root / "b").catalog.passages() == Index(root / "a").catalog.passages()
    assert any("Ditetapkan di Blitar" in text for _, text in ocr_texts(Index(root / "b")))


def test_a_changed_page_is_read_again_and_only_that_page(first_reading, embedder, monkeypatch):
    root, _, cache, _, _ = first_reading
    rescanned = write_scanned_pdf(root / "pindai-ulang.pdf", turned=(17,))  # page 2 fed in upside down
    calls = count_tesseract(monkeypatch)

    report = ingest([rescanned], Index(root / "c"), embedder, progress=False, ocr_cache=OcrCache.open(cache))

    assert calls == ["ind"]
    assert [(n.code, n.values) for n in report.results[0].notes] == [("ocr_done", {"pages": "1–2"})]
    texts = ocr_texts(Index(root / "c"))
    assert any("BAGAN STRUKTUR ORGANISASI" in text for page, text in texts if page == 2)  # turned upright again
    assert [t for t in texts if t[0] == 1] == [t for t in ocr_texts(Index(root / "a")) if t[0] == 1]


def test_the_same_page_image_twice_in_a_file_is_read_once(tmp_path, monkeypatch):
    scanned = write_scanned_pdf(tmp_path / "pindai.pdf", pages=(16, 16))
    calls = count_tesseract(monkeypatch)

    pages = read_scanned_pages(scanned, [Page(number=1, text=""), Page(number=2, text="")], [1, 2], [])

    assert calls == ["ind"]
    assert pages[0].text == pages[1].text and "Ditetapkan di Blitar" in pages[0].text


def _not_a_database(path):
    path.write_bytes(b"this is not a database" * 100)


def _another_table_shape(path):
    with sqlite3.connect(path) as db:  # opens fine; every read and write of the page texts fails
        db.execute("CREATE TABLE ocr_pages (anything)")


@pytest.mark.parametrize("damage", [_not_a_database, _another_table_shape])
def test_a_damaged_cache_file_only_costs_time(tmp_path, embedder, monkeypatch, damage):
    scanned = write_scanned_pdf(tmp_path / "pindai.pdf", pages=(16,))
    cache = tmp_path / "ocr-cache.sqlite"
    damage(cache)
    calls = count_tesseract(monkeypatch)

    report = ingest([scanned], Index(tmp_path / "index"), embedder, progress=False, ocr_cache=OcrCache.open(cache))

    assert report.count("indexed") == 1 and calls == ["ind"]
    assert [(n.code, n.values) for n in report.results[0].notes] == [("ocr_done", {"pages": "1"})]
    assert any("Ditetapkan di Blitar" in text for _, text in ocr_texts(Index(tmp_path / "index")))


def test_the_pool_gives_the_pages_in_order_with_the_sequential_text(tmp_path, monkeypatch):
    scanned = write_scanned_pdf(tmp_path / "pindai.pdf")
    blank = [Page(number=1, text=""), Page(number=2, text="")]
    calls = count_tesseract(monkeypatch)
    sequential_notes, pooled_notes = [], []

    sequential = read_scanned_pages(scanned, blank, [1, 2], sequential_notes)
    assert len(calls) == 2
    monkeypatch.setattr(pool, "WORKERS", 2)
    pooled = read_scanned_pages(scanned, blank, [1, 2], pooled_notes)

    assert len(calls) == 2  # the pool's workers read the pages, not this process
    assert pooled == sequential and pooled_notes == sequential_notes
    assert [p.number for p in pooled] == [1, 2] and all(p.ocr for p in pooled)
    assert "Ditetapkan di Blitar" in pooled[0].text and "BAGAN STRUKTUR ORGANISASI" in pooled[1].text


def test_the_next_file_is_parsed_while_a_scanned_file_is_read(tmp_path, embedder, monkeypatch):
    """Tesseract's reading of the scanned file in front waits here until the text file behind it has
    been parsed: it only returns because the files are parsed at once, and both are indexed in order."""
    import threading

    from ingest import pipeline

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_scanned_pdf(corpus / "a-pindai.pdf", pages=(16,))
    write_regulation_pdf(corpus / "b-teks.pdf", "pelayanan informasi publik")
    text_parsed = threading.Event()
    real_parse, real_ocr = pipeline.parse_file, ocr.ocr_pages

    def parse_file(source, *args, **kwargs):
        parts = real_parse(source, *args, **kwargs)
        if source == "b-teks.pdf":
            text_parsed.set()
        return parts

    def ocr_pages_after_the_text_file(*args, **kwargs):
        assert text_parsed.wait(timeout=120), "the file behind the scanned one was not parsed during its OCR"
        return real_ocr(*args, **kwargs)

    monkeypatch.setattr(pipeline, "parse_file", parse_file)
    monkeypatch.setattr(ocr, "ocr_pages", ocr_pages_after_the_text_file)
    index = Index(tmp_path / "index")

    report = ingest([corpus], index, embedder, progress=False)

    assert [(r.source, r.status) for r in report.results] == [("a-pindai.pdf", "indexed"), ("b-teks.pdf", "indexed")]
    assert report.pending == 0 and any("Ditetapkan di Blitar" in text for _, text in ocr_texts(index))
