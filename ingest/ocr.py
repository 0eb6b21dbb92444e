"""OCR of scanned PDF pages with Tesseract (Indonesian data), only for pages without a usable text layer.

Regional JDIH archives hold "SALINAN" scans: pages that are one image, or carry a junk text layer
from a bad earlier OCR. Those pages (and only those) are rendered with pdfium at 300 dpi and read by
Tesseract; the pages are flagged `ocr=True`, so their passages say so in the citation. A page too
large to render within the pixel cap at a readable dpi, or one Tesseract cannot read within the
time limit, is skipped with a note, so one hostile page does not hold the ingest lock for hours.

Tesseract takes seconds a page, so pages are read by a process pool as wide as the machine (one for
the whole ingest run: `pool.shared_by_run`), and each page's text is kept in a persistent cache (`OcrCache`) keyed by a hash of the
rendered page image: a re-ingest, a rebuild or the same scan in another file reads no page twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from . import pool
from .keyed_cache import KeyedCache, Table
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
# Bump when reading a page image changes (`upright`, `read_image`, `ocr_layout`): cached texts are then read again.
OCR_VERSION = "2"  # 2: a skewed or bowed ruling is one fitted line (`merge_segments`); banner rows are no steps


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


def upright(image, timeout: float):
    """The page image turned the right way up: Lampiran charts are often scanned sideways."""
    import pytesseract

    try:
        rotate = pytesseract.image_to_osd(image, output_type=pytesseract.Output.DICT, timeout=timeout)["rotate"]
    except pytesseract.TesseractError:  # too little text to tell the orientation
        return image
    return image.rotate(-rotate, expand=True) if rotate else image


def read_image(image, language: str, timeout: float) -> str:
    """The text of a page image; ruled tables come out as Markdown rows rebuilt from Tesseract's word
    boxes (`ocr_layout`), read with the rulings painted out."""
    import pytesseract

    rows, columns = page_rulings(image)
    clean = without_lines(image) if columns else image
    tsv = pytesseract.image_to_data(clean, lang=language, timeout=timeout)
    return layout_text(image, rows, columns, words_from_tsv(tsv))


class OcrCache(KeyedCache):
    """Page text by (OCR engine, SHA-256 of the rendered page image). It holds the text of the pages,
    so it is as private as the index beside which it lives."""

    TABLE = Table("ocr_pages", namespace="engine", value="text")

    def lookup(self, engine: str, digests: Iterable[bytes]) -> dict[bytes, str]:
        return {digest: text.decode("utf-8") for digest, text in self.get(engine, digests).items()}

    def store(self, engine: str, texts: dict[bytes, str]) -> None:
        self.put(engine, {digest: text.encode("utf-8") for digest, text in texts.items()})


def engine_key(language: str) -> str:
    """What besides the image decides the text: this code's version, the language and Tesseract's version."""
    import pytesseract

    return f"{OCR_VERSION}:{language}:tesseract-{pytesseract.get_tesseract_version()}"


def image_digest(image) -> bytes:
    digest = hashlib.sha256(f"{image.mode}:{image.size}:".encode())
    digest.update(image.tobytes())
    return digest.digest()


def _render(document, number: int):
    page = document[number - 1]
    try:
        return render_page(page, DPI / 72, MAX_PIXELS, MIN_DPI / 72, grayscale=True)
    finally:
        page.close()


def page_digests(path: Path, numbers: list[int]) -> tuple[dict[int, bytes], list[int]]:
    """(page number → digest of its rendered image, pages too large to render). Rendering costs a
    fraction of a second a page, Tesseract seconds, so every page is rendered to look it up first."""
    import pypdfium2

    digests: dict[int, bytes] = {}
    too_large: list[int] = []
    document = pypdfium2.PdfDocument(str(path))
    try:
        for number in numbers:
            try:
                digests[number] = image_digest(_render(document, number))
            except PageTooLarge:
                too_large.append(number)
    finally:
        document.close()
    return digests, too_large


def ocr_page(path: Path, number: int, language: str, timeout: float) -> str | None:
    """The text Tesseract reads on page `number` (turned upright), or None when it ran out of `timeout`
    seconds per call (an argument, not the module setting: a pool worker imports the module afresh)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        image = _render(document, number)
    finally:
        document.close()
    try:
        return read_image(upright(image, timeout), language, timeout)
    except RuntimeError as error:  # pytesseract kills Tesseract at the timeout and says so
        if "timeout" not in str(error):
            raise
        return None


def ocr_pages(path: Path, numbers: list[int], language: str) -> list[str | None]:
    """`ocr_page` of each page, in order: one Tesseract per core (`ingest.pool`: the run's pool during an
    ingest), or here for one page outside a run."""
    read = partial(ocr_page, path, language=language, timeout=TIMEOUT_SECONDS)
    return pool.map_in_pool(read, numbers, min(pool.WORKERS, len(numbers)))


def read_scanned_pages(
    path: Path, pages: list[Page], numbers: list[int], notes: list[Problem], cache: OcrCache | None = None
) -> list[Page]:
    """`pages` with pages `numbers` (1-based) replaced by their OCR text; what happened goes to `notes`.

    Pages whose rendered image `cache` has read before are taken from it; the others are read and stored.
    """
    language, language_notes = tesseract_language()
    if language is None:
        notes.append(Problem("ocr_missing", {"pages": page_ranges(numbers)}))
        return pages
    notes.extend(language_notes)
    engine = engine_key(language)
    digests, too_large = page_digests(path, numbers)
    known = cache.lookup(engine, digests.values()) if cache is not None else {}
    unread = {digest: number for number, digest in digests.items() if digest not in known}  # one reading per image
    fresh = dict(zip(unread, ocr_pages(path, list(unread.values()), language)))
    if cache is not None:
        cache.store(engine, {digest: text for digest, text in fresh.items() if text is not None})
    texts = {**known, **fresh}
    read = {number: texts[digest] for number, digest in digests.items()}
    timed_out = [number for number, text in read.items() if text is None]
    found = [number for number, text in read.items() if text and text.strip()]
    if found:
        notes.append(Problem("ocr_done", {"pages": page_ranges(found)}))
    if too_large:
        notes.append(Problem("page_too_large", {"pages": page_ranges(too_large), "limit_mp": MAX_PIXELS // 10**6, "min_dpi": MIN_DPI}))
    if timed_out:
        notes.append(Problem("ocr_timeout", {"pages": page_ranges(timed_out), "seconds": TIMEOUT_SECONDS}))
    return [Page(number=p.number, text=read[p.number], ocr=True) if read.get(p.number) is not None else p for p in pages]
