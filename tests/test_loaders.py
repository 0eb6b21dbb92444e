from ingest.loaders import load_pages, split_text_pages

from .conftest import CORPUS


def test_pdf_pages_keep_their_numbers():
    pages = load_pages(CORPUS / "uu-14-2008-keterbukaan-informasi-publik.pdf")
    assert len(pages) == 53
    assert [p.number for p in pages[:3]] == [1, 2, 3]
    assert "KETERBUKAAN INFORMASI PUBLIK" in pages[0].text.upper()


def test_marker_page_refs_become_pdf_pages():
    pages = load_pages(CORPUS / "perpres-95-2018-spbe.marker.md")
    # `_page_1_` is the second PDF page: the one printed "-2-", where Pasal 1 starts.
    second = next(p for p in pages if p.number == 2)
    assert "Sistem Pemerintahan Berbasis Elektronik yang selanjutnya disingkat SPBE" in second.text
    assert "_page_" not in second.text and "![" not in second.text
    numbers = [p.number for p in pages]
    assert numbers == sorted(numbers) and numbers[0] == 1 and numbers[-1] >= 100


def test_printed_page_marks_used_when_no_refs():
    pages = split_text_pages("Judul\nsatu\n\n-2-\ndua\n- 3 -\ntiga")
    assert [(p.number, p.text.split("\n")[-1]) for p in pages] == [(1, "satu"), (2, "dua"), (3, "tiga")]


def test_text_without_marks_is_one_unnumbered_page():
    pages = load_pages(CORPUS / "uu-25-2009-pelayanan-publik.md")
    assert len(pages) == 1 and pages[0].number is None


def test_a_pdf_printed_word_by_word_keeps_its_lines(tmp_path):
    """Some office suites draw every word in a text object of its own: pypdf's plain text then has one
    word per line, and "KEPALA", "DINAS" would each be taken for a heading. The words go back on their
    lines, and the structure parser finds the Pasal with their whole sentences."""
    from ingest.pipeline import parse_file

    from .make_files import regulation_lines, write_word_by_word_pdf

    lines = regulation_lines("kata", "tata kelola data", pasal_count=6)
    path = write_word_by_word_pdf(tmp_path / "perbup-contoh-7-2024-tata-kelola-data.pdf", [lines])
    text = load_pages(path)[0].text
    assert "PERATURAN BUPATI CONTOH NOMOR 4 TAHUN 2024" in text
    assert lines[-1] in text.split("\n")
    _, passages, _ = parse_file(path.name, path, "0" * 64)
    assert [p.pasal for p in passages if p.kind == "pasal"] == ["1", "2", "3", "4", "5", "6"]
    assert passages[-1].text.endswith("berlaku bagi setiap perangkat daerah di Kabupaten Contoh.")
