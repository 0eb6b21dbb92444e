"""Broken and odd files, each generated here: a clear per-file problem, the rest indexed, old data untouched."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from ingest.index import Index
from ingest.loaders import MAX_PDF_PAGES, load_pages
from ingest import pipeline
from ingest.pipeline import ingest
from ingest.messages import REASONS
from ingest.problems import LoadError

from .make_files import regulation_lines, write_encrypted_pdf, write_many_pages_pdf, write_pdf, write_regulation_pdf
from .test_cli import asisten

LIMIT_BYTES = 1_000_000
MANY_PAGES = 3000


def deleting_parser(victim: Path):
    """The real parser; on its first call it deletes a file, as a user might while ingest runs (every
    file is parsed before any is embedded, so the deletion must happen while parsing)."""
    real = pipeline.parse_file

    def parse_file(*args, **kwargs):
        victim.unlink(missing_ok=True)
        return real(*args, **kwargs)

    return parse_file


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("isi.txt", "bukan pdf")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory, embedder):
    """Index two good documents, then ingest again with every kind of bad file added."""
    root = tmp_path_factory.mktemp("bad")
    corpus, index_dir = root / "corpus", root / "index"
    corpus.mkdir()
    write_regulation_pdf(corpus / "a-kopi.pdf", "kopi tubruk")
    (corpus / "b-teh.txt").write_text("\n".join(regulation_lines("teh", "teh manis")), encoding="utf-8")
    first = ingest([corpus], Index(index_dir), embedder, progress=False, max_file_bytes=LIMIT_BYTES)
    assert first.count("indexed") == 2 and not first.failed
    before = Index(index_dir).catalog.passages()

    (corpus / "kosong.pdf").write_bytes(b"")
    truncated = write_regulation_pdf(root / "full.pdf", "arsip terpotong").read_bytes()
    (corpus / "terpotong.pdf").write_bytes(truncated[: len(truncated) // 2])
    write_encrypted_pdf(corpus / "sandi-kosong.pdf", "")
    write_encrypted_pdf(corpus / "sandi-rahasia.pdf", "rahasia")
    (corpus / "gambar.pdf").write_bytes(_png())
    (corpus / "arsip.pdf").write_bytes(_zip())
    (corpus / "besar.txt").write_text("Pasal 1\nisi besar.\n" * 120_000, encoding="utf-8")
    write_many_pages_pdf(corpus / "panjang.pdf", MANY_PAGES)
    (corpus / "windows.txt").write_bytes("Pasal 1\nKafé Desa menjual kopi seharga Rp 5.000 per cangkir.\n".encode("cp1252"))
    (corpus / "biner.txt").write_bytes(b"\x00\x01\x02binary\x00" * 100)
    (corpus / "Perbup Salinan é.txt").write_bytes((corpus / "b-teh.txt").read_bytes())
    (corpus / "sub folder").mkdir()
    (corpus / "sub folder" / "Surat Édaran Kafé (2024).txt").write_text("\n".join(regulation_lines("kafe", "kafe desa")), encoding="utf-8")
    victim = corpus / "zz-dihapus.txt"
    victim.write_text("Pasal 1\nBerkas ini dihapus saat ingest berjalan.", encoding="utf-8")
    # Also an indexed document replaced in place by a broken copy: its old passages must stay.
    (corpus / "a-kopi.pdf").write_bytes(truncated[:100])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "parse_file", deleting_parser(victim))
        report = ingest([corpus], Index(index_dir), embedder, progress=False, max_file_bytes=LIMIT_BYTES)
    return report, {r.source: r for r in report.results}, index_dir, before


def _failed(results, source: str, code: str):
    result = results[source]
    assert (result.status, result.problem.code) == ("failed", code), result
    assert result.message == REASONS[code]["id"].format(**result.problem.values)
    return result


def test_zero_byte_file(bad_run):
    _failed(bad_run[1], "kosong.pdf", "empty_file")


def test_truncated_pdf(bad_run):
    assert "unduh ulang" in _failed(bad_run[1], "terpotong.pdf", "truncated_pdf").message


def test_encrypted_pdf_with_empty_password_is_read(bad_run):
    result = bad_run[1]["sandi-kosong.pdf"]
    assert result.status == "indexed" and result.passages >= 3


def test_encrypted_pdf_with_password_is_refused(bad_run):
    assert "kata sandi" in _failed(bad_run[1], "sandi-rahasia.pdf", "encrypted_pdf").message


def test_png_and_zip_named_pdf(bad_run):
    assert "PNG" in _failed(bad_run[1], "gambar.pdf", "wrong_type").message
    assert "ZIP" in _failed(bad_run[1], "arsip.pdf", "wrong_type").message


def test_file_over_the_size_limit(bad_run):
    result = _failed(bad_run[1], "besar.txt", "too_large")
    assert "ASISTEN_MAX_FILE_MB" in result.message and "1.0 MB" in result.message


def test_pdf_with_thousands_of_pages(bad_run):
    result = bad_run[1]["panjang.pdf"]
    assert result.status == "indexed" and result.pages == MANY_PAGES
    passages = Index(bad_run[2]).catalog.passages("panjang.pdf")
    last = next(p for p in passages if "Catatan halaman 2501" in p.text)
    assert last.page_end == 2501  # text far into the file is still cited at its own page


def test_pdf_over_the_page_limit_is_refused(tmp_path):
    path = write_pdf(tmp_path / "bundel.pdf", [[] for _ in range(MAX_PDF_PAGES + 1)])
    with pytest.raises(LoadError) as error:
        load_pages(path)
    assert error.value.problem.code == "too_many_pages" and str(MAX_PDF_PAGES) in str(error.value)


def test_text_file_not_utf8_is_read_as_windows_1252_with_a_note(bad_run):
    result = bad_run[1]["windows.txt"]
    assert result.status == "indexed" and [n.code for n in result.notes] == ["decoded_legacy"]
    assert "Kafé Desa" in Index(bad_run[2]).catalog.passages("windows.txt")[0].text


def test_binary_file_named_txt(bad_run):
    _failed(bad_run[1], "biner.txt", "not_text")


def test_same_file_twice_is_indexed_once(bad_run):
    result = bad_run[1]["Perbup Salinan é.txt"]
    assert (result.status, result.problem.code) == ("skipped", "duplicate")
    assert "b-teh.txt" in result.message
    assert not Index(bad_run[2]).catalog.passages("Perbup Salinan é.txt")


def test_names_with_spaces_and_unicode_are_indexed_and_cited_by_name(bad_run):
    source = "sub folder/Surat Édaran Kafé (2024).txt"
    assert bad_run[1][source].status == "indexed"
    assert {p.source for p in Index(bad_run[2]).catalog.passages(source)} == {source}


def test_file_deleted_while_ingest_runs(bad_run):
    assert "saat ingest berjalan" in _failed(bad_run[1], "zz-dihapus.txt", "vanished").message


def test_broken_copy_of_an_indexed_file_keeps_its_old_passages(bad_run):
    report, results, index_dir, before = bad_run
    assert results["a-kopi.pdf"].status == "failed"
    assert results["b-teh.txt"].status == "unchanged"
    index = Index(index_dir)
    old = [p for p in before if p.source in ("a-kopi.pdf", "b-teh.txt")]
    assert [p for p in index.catalog.passages() if p.source in ("a-kopi.pdf", "b-teh.txt")] == old
    assert set(index.collection.get(where={"source": "a-kopi.pdf"})["ids"]) == {p.id for p in old if p.source == "a-kopi.pdf"}
    assert {p.id for p in old} <= set(index.load_lexical().ids)


def test_cli_prints_one_line_per_problem_and_exits_1(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_regulation_pdf(corpus / "baik.pdf", "kopi tubruk")
    (corpus / "kosong.pdf").write_bytes(b"")
    (corpus / "gambar.pdf").write_bytes(_png())
    result = asisten("ingest", str(corpus), "--index", str(tmp_path / "index"), "--quiet", ASISTEN_LANGUAGE="en")
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert f"FAILED  kosong.pdf: {REASONS['empty_file']['en']}" in lines
    assert any(line.startswith("FAILED  gambar.pdf: the file's content is PNG") for line in lines)
    assert "1 documents indexed" in result.stdout and "2 failed" in result.stdout


def test_readme_troubleshooting_lists_every_problem():
    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Pemecahan masalah / Troubleshooting") :]
    for code, texts in REASONS.items():
        assert f"| `{code}` | {texts['id']} | {texts['en']} |" in section, code
