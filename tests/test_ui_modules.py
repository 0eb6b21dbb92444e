"""The app's plain modules, on the real small index: highlighting, library, PDF pages, feedback, export, uploads."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from datetime import datetime
from types import SimpleNamespace

import pytest

from assistant.config import load_settings
from assistant.export import conversation_markdown
from assistant.feedback import BUSY_TIMEOUT_S, MAX_COMMENT_CHARS, FeedbackStore
from assistant.highlight import highlight_html, question_terms
from assistant.pdfpage import page_png
from assistant.service import citation_json
from assistant.uploads import add_document, secret_matches

from .conftest import CORPUS, SMALL_SET

UU = SMALL_SET[0]
UPLOAD_SOURCE = CORPUS / "pp-38-2017-inovasi-daerah.md"


def pp38_excerpt(lines: int = 42) -> bytes:
    """BAB I to Pasal 3 of PP 38/2017 as published: a small real regulation to upload."""
    return "\n".join(UPLOAD_SOURCE.read_text(encoding="utf-8").split("\n")[:lines]).encode("utf-8")


def test_highlight_marks_question_terms_by_stem_and_escapes_html():
    terms = question_terms("Apa yang dimaksud dengan Badan Publik menurut UU 14/2008?")
    html = highlight_html("Badan Publik adalah <lembaga> eksekutif & badan lain; kepublikan", terms)
    assert "<mark>Badan</mark> <mark>Publik</mark>" in html and "<mark>badan</mark>" in html
    assert "&lt;lembaga&gt;" in html and "&amp;" in html
    assert "<mark>adalah</mark>" not in html and "<mark>eksekutif</mark>" not in html
    assert "<mark>" not in highlight_html("Badan Publik", frozenset())


def test_library_status_and_structure_tree(small_assistant):
    entries = small_assistant.library()
    assert sorted(e.document.source for e in entries) == sorted(SMALL_SET)
    status = small_assistant.status()
    assert status.documents == 2 and status.passages == len(small_assistant.retriever.corpus)
    assert status.last_ingest and datetime.fromisoformat(status.last_ingest)
    assert small_assistant.document(UU).source == UU and small_assistant.document("tidak-ada.pdf") is None

    tree = small_assistant.structure(UU)
    bab1 = next(node for node in tree.children if node.label.startswith("BAB I "))
    pasal1 = next(node for node in bab1.children if node.label == "Pasal 1")
    assert "Badan Publik adalah" in pasal1.text() and pasal1.pages.startswith("2")
    # A Pasal split over several passages reads in full, in order.
    bab5 = next(node for node in tree.children if node.label.startswith("BAB V "))
    pasal17 = next(node for node in bab5.children if node.label == "Pasal 17")
    assert len(pasal17.passages) > 1
    text = pasal17.text()
    assert text.index("a. Informasi Publik") < text.index("c. Informasi Publik") < text.index("g. Informasi Publik")

    assert small_assistant.source_file(UU).name == UU
    assert small_assistant.source_file("tidak-ada.pdf") is None
    assert small_assistant.registers().lookup("Badan Publik")


def test_pdf_page_renders_to_png():
    image = page_png(CORPUS / UU, 2, width=400)
    assert image.startswith(b"\x89PNG\r\n\x1a\n") and len(image) > 5000
    with pytest.raises(ValueError, match="halaman 999"):
        page_png(CORPUS / UU, 999)


def test_feedback_store_keeps_question_answer_and_citations(tmp_path, small_assistant):
    answer = small_assistant.ask("Apa yang dimaksud dengan Badan Publik?")
    citations = [citation_json(n, hit) for n, hit in enumerate(answer.hits, start=1)]
    store = FeedbackStore(tmp_path / "fb" / "feedback.sqlite")
    first = store.record(1, answer.question, answer.text, answer.found, "extractive", citations)
    store.update(first, rating=-1, comment="  kurang lengkap  ")
    store.record(1, "lain", "jawaban", False, "extractive", [])
    records = store.records()
    assert [r.rating for r in records] == [-1, 1]
    assert records[0].comment == "kurang lengkap" and records[0].question == answer.question
    assert records[0].citations[0]["pasal"] == "1" and records[0].citations[0]["source"] == UU
    with pytest.raises(ValueError):
        store.record(0, "q", "a", True, "extractive", [])


def test_export_has_questions_answers_and_quoted_citations(small_assistant):
    first = small_assistant.ask("Apa yang dimaksud dengan Badan Publik?")
    second = small_assistant.ask("Apa saja dimensi smart city Kabupaten Blitar?")
    text = conversation_markdown([(first, "extractive"), (second, "extractive")], "id", datetime(2026, 1, 2, 3, 4))
    assert text.startswith("# Percakapan Asisten Regulasi\n\n_2026-01-02 03:04_")
    assert "## 1. Pertanyaan: Apa yang dimaksud dengan Badan Publik?" in text
    assert "## 2. Pertanyaan: Apa saja dimensi smart city Kabupaten Blitar?" in text
    assert "**[1] UU No. 14 Tahun 2008 tentang Keterbukaan Informasi Publik, Pasal 1, hlm. 2" in text
    assert "> 3. Badan Publik adalah lembaga eksekutif" in text
    assert "Smart Governance" in text
    assert "## 1. Question:" in conversation_markdown([(first, "extractive")], "en")


def test_upload_refusals_name_their_reason(tmp_path):
    """Name, type and size are ingest's upload checks; the app adds the reserved-name and replace rules."""
    settings = replace(load_settings(), corpus=tmp_path / "corpus", index=tmp_path / "index", max_file_mb=1)
    assistant = SimpleNamespace(settings=settings, index=SimpleNamespace(catalog=SimpleNamespace(fingerprints=dict)))
    for name, data, code in [
        ("skrip.exe", b"MZ", "unsupported"),
        ("besar.txt", b"a" * (2 * 2**20), "too_large"),
        ("kosong.txt", b"", "empty_file"),
        ("README.md", b"# catatan", "reserved_name"),
        ("gambar.pdf", b"\x89PNG\r\n\x1a\n", "wrong_type"),
    ]:
        result = add_document(assistant, name, data)
        assert (result.status, result.problem.code) == ("failed", code), name
    assert not (tmp_path / "corpus").exists() or not any((tmp_path / "corpus").iterdir())
    assert secret_matches("rahasia", "rahasia")
    assert not secret_matches("salah", "rahasia") and not secret_matches("", "rahasia") and not secret_matches("x", None)


@pytest.fixture
def writable_assistant(tmp_path, small_index, small_corpus, embedder):
    """An assistant over copies of the small index and corpus, for tests that add documents."""
    from assistant.config import load_settings
    from assistant.service import Assistant

    shutil.copytree(small_index, tmp_path / "index")
    shutil.copytree(small_corpus, tmp_path / "corpus")
    settings = load_settings(index=tmp_path / "index", corpus=tmp_path / "corpus", max_file_mb=1)
    return Assistant(settings, embedder=embedder)


def test_add_document_indexes_and_the_next_question_finds_it(writable_assistant):
    assistant = writable_assistant
    corpus = assistant.settings.corpus
    result = add_document(assistant, "uploads/pp-38-2017 cuplikan.md", pp38_excerpt())
    assert (result.source, result.status) == ("pp-38-2017-cuplikan.md", "indexed") and result.passages > 0
    assert (corpus / "pp-38-2017-cuplikan.md").is_file()
    assert not [p for p in corpus.iterdir() if p.name.startswith(".")]
    assert "pp-38-2017-cuplikan.md" in assistant.retriever.corpus.documents  # the catalog's version changed: reloaded
    answer = assistant.ask("Apa yang dimaksud dengan Inovasi Daerah?")
    assert answer.found and answer.hits[0].passage.source == "pp-38-2017-cuplikan.md"

    again = add_document(assistant, "pp-38-2017-cuplikan.md", pp38_excerpt(30))
    assert again.status == "failed" and "sudah ada" in again.message
    assert (corpus / "pp-38-2017-cuplikan.md").read_bytes() == pp38_excerpt()


def test_failed_upload_leaves_corpus_and_index_as_they_were(writable_assistant):
    assistant = writable_assistant
    corpus = assistant.settings.corpus
    before = sorted(p.name for p in corpus.iterdir())
    original = (corpus / UU).read_bytes()
    broken = add_document(assistant, UU, b"%PDF-1.4 bukan pdf sungguhan", replace=True)
    assert broken.status == "failed" and broken.message
    assert (corpus / UU).read_bytes() == original
    assert sorted(p.name for p in corpus.iterdir()) == before
    rejected = add_document(assistant, "makro.docm", b"isi")
    assert rejected.status == "failed" and "tidak didukung" in rejected.message
    assistant.reload()
    assert len(assistant.retriever.corpus.documents) == 2
    assert assistant.ask("Apa yang dimaksud dengan Badan Publik?").found


def test_pdf_page_margins_are_trimmed_but_the_text_kept():
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(page_png(CORPUS / UU, 2, width=1000)))
    assert 400 < image.width < 1000  # blank paper cropped from a 1000 px wide page
    assert image.convert("L").getextrema()[0] < 100  # printed text is still there


class ReadOnlyFeedbackStore(FeedbackStore):
    """The real store opened as a read-only disk or file lets SQLite open it (root ignores chmod)."""

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)


def test_feedback_store_reports_a_read_only_store_instead_of_raising(tmp_path):
    path = tmp_path / "feedback.sqlite"
    first = FeedbackStore(path).record(1, "q", "a", True, "extractive", [])
    read_only = ReadOnlyFeedbackStore(path)
    assert read_only.record(1, "q2", "a2", True, "extractive", []) is None
    assert read_only.update(first, rating=-1, comment="x") is False
    assert [(r.rating, r.comment) for r in FeedbackStore(path).records()] == [(1, "")]
    (tmp_path / "a-file").write_text("not a folder")
    assert FeedbackStore(tmp_path / "a-file" / "feedback.sqlite").record(1, "q", "a", True, "extractive", []) is None


def test_feedback_store_reports_a_locked_store_and_works_once_released(tmp_path):
    path = tmp_path / "feedback.sqlite"
    store = FeedbackStore(path)
    first = store.record(1, "q", "a", True, "extractive", [])
    holder = sqlite3.connect(path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert store.record(1, "q2", "a2", True, "extractive", []) is None
        assert store.update(first, rating=-1) is False
    finally:
        holder.rollback()
        holder.close()
    assert store.update(first, rating=-1) is True
    assert [r.rating for r in store.records()] == [-1]


def test_feedback_comment_is_cut_at_the_documented_maximum(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite")
    record_id = store.record(1, "q", "a", True, "extractive", [])
    assert store.update(record_id, comment="  " + "x" * (MAX_COMMENT_CHARS + 500) + "  ")
    [record] = store.records()
    assert record.comment == "x" * MAX_COMMENT_CHARS
