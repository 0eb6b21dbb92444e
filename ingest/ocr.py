"""OCR of scanned PDF pages with Tesseract (Indonesian data), only for pages without a usable text layer.

Regional JDIH archives hold "SALINAN" scans: pages that are one image, or carry a junk text layer
from a bad earlier OCR. Those pages (and only those) are rendered with pdfium at 300 dpi and read by
Tesseract; the pages are flagged `ocr=True`, so their passages say so in the citation. A page too
large to render within the pixel cap at a readable dpi, or one Tesseract cannot read within the
time limit, is skipped with a note, so one hostile page does not hold the ingest lock for hours.
"""

from __future__ import annotations

from pathlib import Path

from .model import Page
from .ocr_layout import layout_text, page_rulings, without_lines, words_from_tsv
from .problems import Problem, page_ranges
from .rendering import PageTooLarge, render_page

DPI = 300
# Lower than 300 dpi only for pages larger than A2; A0 still fits at 150 dpi, below which Tesseract misreads.
MAX_PIXELS = 40_000_000
MIN_DPI = 150
TIMEOUT_SECONDS = 180  # per Tesseract call; a dense A4 scan takes seconds, a huge map page can take minutes
MIN_CHARS = 10  # fewer printable characters than this is no text layer (a lone page number)
MIN_READABLE_SHARE = 0.8  # below this share of letters/digits/punctuation the layer is junk


def usable_text(text: str) -> bool:
    """True when a page's text layer is real text, not empty and not font-decoding junk."""
    chars = [c for c in text if not c.isspace()]
    if len(chars) < MIN_CHARS:
        return False
    readable = sum(1 for c in chars if (c.isalnum() and c.isprintable() and ord(c) < 0x2000) or c in ".,;:()[]/-–—'\"%&*+=?!§")
    return readable / len(chars) >= MIN_READABLE_SHARE


def needs_ocr(text: str, has_image: bool) -> bool:
    """A page with an image and no text layer, or with a junk layer; blank pages are left alone."""
    if usable_text(text):
        return False
    return has_image or len(text.strip()) >= MIN_CHARS


def tesseract_language() -> tuple[str | None, list[Problem]]:
    """('ind', []) normally; ('eng', [note]) without Indonesian data; (None, []) without Tesseract."""
    import pytesseract

    try:
        languages = pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, OSError):
        return None, []
    if "ind" in languages:
        return "ind", []
    return "eng", [Problem("ocr_no_indonesian")]


def upright(image):
    """The page image turned the right way up: Lampiran charts are often scanned sideways."""
    import pytesseract

    try:
        rotate = pytesseract.image_to_osd(image, output_type=pytesseract.Output.DICT, timeout=TIMEOUT_SECONDS)["rotate"]
    except pytesseract.TesseractError:  # too little text to tell the orientation
        return image
    return image.rotate(-rotate, expand=True) if rotate else image


def read_image(image, language: str) -> str:
    """The text of a page image; ruled tables come out as Markdown rows rebuilt from Tesseract's word
    boxes (`ocr_layout`), read with the rulings painted out."""
    import pytesseract

    rows, columns = page_rulings(image)
    clean = without_lines(image) if columns else image
    tsv = pytesseract.image_to_data(clean, lang=language, timeout=TIMEOUT_SECONDS)
    return layout_text(image, rows, columns, words_from_tsv(tsv))


def read_scanned_pages(path: Path, pages: list[Page], numbers: list[int], notes: list[Problem]) -> list[Page]:
    """`pages` with pages `numbers` (1-based) replaced by their OCR text; what happened goes to `notes`."""
    import pypdfium2
    import pytesseract

    language, language_notes = tesseract_language()
    if language is None:
        notes.append(Problem("ocr_missing", {"pages": page_ranges(numbers)}))
        return pages
    notes.extend(language_notes)
    read: dict[int, str] = {}
    too_large: list[int] = []
    timed_out: list[int] = []
    document = pypdfium2.PdfDocument(str(path))
    try:
        for number in numbers:
            page = document[number - 1]
            try:
                image = upright(render_page(page, DPI / 72, MAX_PIXELS, MIN_DPI / 72, grayscale=True))
                read[number] = read_image(image, language)
            except PageTooLarge:
                too_large.append(number)
            except RuntimeError as error:  # pytesseract kills Tesseract at the timeout and says so
                if "timeout" not in str(error):
                    raise
                timed_out.append(number)
            finally:
                page.close()
    finally:
        document.close()
    found = [n for n, text in read.items() if text.strip()]
    if found:
        notes.append(Problem("ocr_done", {"pages": page_ranges(found)}))
    if too_large:
        notes.append(Problem("page_too_large", {"pages": page_ranges(too_large), "limit_mp": MAX_PIXELS // 10**6, "min_dpi": MIN_DPI}))
    if timed_out:
        notes.append(Problem("ocr_timeout", {"pages": page_ranges(timed_out), "seconds": TIMEOUT_SECONDS}))
    return [Page(number=p.number, text=read[p.number], ocr=True) if p.number in read else p for p in pages]
