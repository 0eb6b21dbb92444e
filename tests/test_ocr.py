"""OCR of scanned pages with the real Tesseract on the real image-only pages of Perbup Blitar 116/2022."""

from __future__ import annotations

import pytest

from assistant.presentation import citation_label
from assistant.retrieval import Hit
from assistant.service import citation_json
from ingest.index import Index
from ingest.ocr import needs_ocr, usable_text
from ingest.pipeline import ingest

from .make_files import SCANNED_SOURCE, copy_scanned_source, write_scanned_pdf


def test_text_layer_detection():
    assert not usable_text("") and not usable_text("  16 \n")
    assert not usable_text("(cid:3)(cid:4)(cid:5) ÿþ\x07\x08 ¤¤¤ ¶¶ ■■■ ▪▪▪ ◊◊◊ ")
    assert usable_text("Pasal 15\nPada saat Peraturan Bupati ini mulai berlaku, ...")
    assert needs_ocr("", has_image=True) and not needs_ocr("", has_image=False)  # blank pages are not OCR'd
    assert needs_ocr("■■■■ ▪▪▪▪ ◊◊◊◊ ¤¤¤¤", has_image=False)  # a junk text layer is


@pytest.fixture(scope="module")
def perbup_index(tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("ocr")
    corpus = root / "corpus"
    corpus.mkdir()
    copy_scanned_source(corpus)
    report = ingest([corpus], Index(root / "index"), embedder, progress=False, ocr=True)
    return report, Index(root / "index")


def test_only_pages_without_text_are_ocrd_and_marked(perbup_index):
    report, index = perbup_index
    (result,) = report.results
    assert result.status == "indexed" and result.pages == 17
    assert [(n.code, n.values) for n in result.notes] == [("ocr_done", {"pages": "16–17"})]
    passages = index.catalog.passages(SCANNED_SOURCE.name)
    ocr = [p for p in passages if p.ocr]
    assert ocr and all(p.page_end >= 16 for p in ocr)
    assert all(not p.ocr for p in passages if p.page_end is not None and p.page_end < 16)
    text = "\n".join(" ".join([*p.path, p.text]) for p in ocr)
    assert "Ditetapkan di Blitar" in text and "20 September 2022" in text
    assert "BAGAN STRUKTUR ORGANISASI" in text  # page 17 is scanned sideways and turned upright


def test_ocr_passage_citation_says_so(perbup_index):
    _, index = perbup_index
    document = next(doc for doc, _, _ in index.catalog.documents())
    passage = next(p for p in index.catalog.passages(document.source) if p.ocr)
    hit = Hit(passage=passage, document=document, score=1.0)
    assert citation_label(hit).endswith("teks hasil OCR") and citation_label(hit, "en").endswith("OCR text")
    assert citation_json(1, hit)["ocr"] is True
    plain = next(p for p in index.catalog.passages(document.source) if not p.ocr)
    assert "OCR" not in citation_label(Hit(passage=plain, document=document, score=1.0))


def test_ocr_can_be_switched_off(tmp_path, embedder):
    scanned = write_scanned_pdf(tmp_path / "pindai.pdf")
    report = ingest([scanned], Index(tmp_path / "index"), embedder, progress=False, ocr=False)
    (result,) = report.results
    assert (result.status, result.problem.code) == ("failed", "no_text_ocr_off")
    assert "ASISTEN_OCR=true" in result.message and "1–2" in result.message


def test_missing_tesseract_is_a_clear_message(tmp_path, embedder, monkeypatch):
    scanned = write_scanned_pdf(tmp_path / "pindai.pdf")
    monkeypatch.setenv("PATH", str(tmp_path / "tanpa-program"))  # the real lookup finds no tesseract
    report = ingest([scanned], Index(tmp_path / "index"), embedder, progress=False, ocr=True)
    (result,) = report.results
    assert (result.status, result.problem.code) == ("failed", "no_text_ocr_missing")
    assert "tesseract-ocr tesseract-ocr-ind" in result.message
    assert [n.code for n in result.notes] == ["ocr_missing"]
