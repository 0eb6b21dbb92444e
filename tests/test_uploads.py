"""Uploaded names and bytes are untrusted: safe names inside the corpus, clear refusals."""

from __future__ import annotations

import pytest

from ingest.problems import LoadError
from ingest.uploads import safe_filename, save_upload

from .make_files import write_regulation_pdf


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Perbup Blitar 116 2022.pdf", "Perbup-Blitar-116-2022.pdf"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\Windows\\SALINAN Perda.PDF", "SALINAN-Perda.pdf"),
        ("Peraturan Wali Kota Café – ü.docx", "Peraturan-Wali-Kota-Café-ü.docx"),
        (".hidden.md", "hidden.md"),
        ("..", "dokumen"),
        ("a\x00b\nc.txt", "abc.txt"),
        ("$(rm -rf ~);.html", "(rm-rf-).html"),
    ],
)
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


def test_save_upload_stays_inside_the_corpus_and_never_overwrites(tmp_path):
    corpus = tmp_path / "corpus"
    pdf = write_regulation_pdf(tmp_path / "x.pdf", "kopi").read_bytes()
    first = save_upload(pdf, "../../../luar/Perbup Kopi.pdf", corpus, 10_000_000)
    assert first == corpus / "Perbup-Kopi.pdf" and first.read_bytes() == pdf
    other = write_regulation_pdf(tmp_path / "y.pdf", "teh").read_bytes()
    second = save_upload(other, "Perbup Kopi.pdf", corpus, 10_000_000)
    assert second == corpus / "Perbup-Kopi-2.pdf" and first.read_bytes() == pdf
    assert sorted(p.name for p in corpus.iterdir()) == ["Perbup-Kopi-2.pdf", "Perbup-Kopi.pdf"]  # no temp files left
    assert not (tmp_path / "luar").exists()


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "kosong.pdf", "empty_file"),
        (b"\x89PNG\r\n\x1a\n" + b"0" * 50, "foto.pdf", "wrong_type"),
        (b"PK\x03\x04" + b"0" * 50, "arsip.pdf", "wrong_type"),
        (b"%PDF-1.4 hello", "surat.docx", "wrong_type"),
        (b"x" * 2000, "besar.txt", "too_large"),
        (b"hello", "program.exe", "unsupported"),
        (b"\x00\x01binary", "catatan.txt", "not_text"),
    ],
)
def test_save_upload_refuses_bad_files_with_a_problem(tmp_path, data, name, code):
    with pytest.raises(LoadError) as error:
        save_upload(data, name, tmp_path / "corpus", max_bytes=1000)
    assert error.value.problem.code == code
    assert not list((tmp_path / "corpus").glob("*")) if (tmp_path / "corpus").exists() else True


def test_save_upload_refuses_a_duplicate_and_names_the_original(tmp_path):
    corpus = tmp_path / "corpus"
    save_upload(b"Pasal 1\nIsi.", "asli.txt", corpus, 1000)
    with pytest.raises(LoadError) as error:
        save_upload(b"Pasal 1\nIsi.", "salinan.txt", corpus, 1000)
    assert error.value.problem.code == "duplicate" and "asli.txt" in str(error.value)
