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
