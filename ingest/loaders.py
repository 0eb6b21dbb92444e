"""File → pages. Each loader keeps page numbers, because every citation points at a page.

PDFs are read page by page with pypdf; pages without a usable text layer (scans) are read by
Tesseract when OCR is on (`ingest/ocr.py`). DOCX and HTML become Markdown-like text (`ingest/markup.py`)
without pages. Text and Markdown files have no pages of their own; the
Markdown that `marker` makes from a PDF carries image refs (`_page_K_`, 0-based) and span ids
(`page-K-N`) that say which PDF page the following text came from, and other converted files carry
printed page marks (`- 5 -`). Both become 1-based page numbers here.

A file whose bytes are not what its name says (a PNG named .pdf), an empty, truncated or
password-protected file raises `LoadError` with the problem; warnings that still let the file be
indexed (OCR used, legacy text encoding) are appended to `notes`.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from .messages import Phrase
from .model import Page
from .problems import LoadError, Problem, page_ranges
from .tables import pipe_tables_in_text

if TYPE_CHECKING:
    from .ocr import OcrCache

SUPPORTED_SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt")
# A PDF longer than this is refused: it is a bundle to split, and it would hold the ingest lock for hours.
MAX_PDF_PAGES = 5000
# A DOCX is a zip whose parts python-docx inflates fully into memory, and `max_file_mb` bounds only
# the packed size: a 1 MB part can inflate to 1 GB. Python's zipfile stops inflating a part at the
# size the zip directory declares, so checking the declared sizes first bounds what gets unpacked.
MAX_DOCX_UNPACKED_MB = 300  # all parts together; a 1,000-page Word document with scans stays well below
MAX_DOCX_PART_MB = 100  # one part; lxml holds a parsed document.xml at several times its size
MAX_DOCX_RATIO = 100  # Word XML packs 5-20x; a zip bomb packs ~1,000x
_RATIO_CHECKED_FROM = 2**20  # small parts (styles, empty headers) may pack tighter and are harmless
# What the first bytes of a file say it really is (for the 'wrong_type' message).
_SIGNATURES = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"PK\x03\x04", "ZIP"),
    (b"\xd0\xcf\x11\xe0", "DOC/XLS (Office 97)"),
    (b"Rar!", "RAR"),
)


def sniff(head: bytes) -> str:
    """What the first bytes say the file is: 'PDF', 'PNG', 'ZIP', ... or 'other' (text, HTML, unknown)."""
    if b"%PDF-" in head[:1024]:  # the spec allows junk before the header
        return "PDF"
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    return "other"


def load_pages(path: Path, ocr: bool = False, notes: list[Problem] | None = None, ocr_cache: OcrCache | None = None) -> list[Page]:
    """The pages of one file; `ocr` reads scanned PDF pages with Tesseract (or from `ocr_cache`); warnings go to `notes`."""
    notes = notes if notes is not None else []
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoadError("unsupported", suffix=suffix or Phrase("no_suffix"))
    with path.open("rb") as handle:
        head = handle.read(2048)
    if not head:
        raise LoadError("empty_file")
    kind = sniff(head)
    if suffix == ".pdf":
        if kind != "PDF":
            raise LoadError("wrong_type", actual=kind, expected="PDF")
        return load_pdf(path, ocr, notes, ocr_cache)
    if suffix == ".docx":
        if kind != "ZIP":
            raise LoadError("wrong_type", actual=kind, expected="DOCX")
        check_unpacked_sizes(path)
        from .markup import docx_text

        return [Page(number=None, text=docx_text(path))]
    if kind != "other":
        raise LoadError("wrong_type", actual=kind, expected=suffix.lstrip(".").upper())
    text = read_text(path, notes)
    if suffix in (".html", ".htm"):
        from .markup import html_text

        return [Page(number=None, text=html_text(text))]
    return split_text_pages(pipe_tables_in_text(text))


def check_unpacked_sizes(path: Path) -> None:
    """Raise `docx_bomb` when the zip at `path` declares parts that would unpack past the limits.

    A zip whose directory cannot be read is left to the DOCX reader, which reports it as `bad_docx`.
    """
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        return
    detail = unpacked_size_excess(members)
    if detail:
        raise LoadError("docx_bomb", detail=detail)


def unpacked_size_excess(members: list[zipfile.ZipInfo]) -> str | None:
    """What exceeds the unpack limits ('word/document.xml 1024.0 MB > 100 MB'), or None when nothing does."""
    mb = 2**20
    for member in members:
        name = member.filename[:80]
        if member.file_size > MAX_DOCX_PART_MB * mb:
            return f"{name} {member.file_size / mb:.1f} MB > {MAX_DOCX_PART_MB} MB"
        if member.file_size > _RATIO_CHECKED_FROM and member.file_size > MAX_DOCX_RATIO * max(member.compress_size, 1):
            return f"{name} {member.file_size / max(member.compress_size, 1):.0f}x > {MAX_DOCX_RATIO}x"
    total = sum(member.file_size for member in members)
    if total > MAX_DOCX_UNPACKED_MB * mb:
        return f"total {total / mb:.1f} MB > {MAX_DOCX_UNPACKED_MB} MB"
    return None


def load_pdf(path: Path, ocr: bool = False, notes: list[Problem] | None = None, ocr_cache: OcrCache | None = None) -> list[Page]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    from .ocr import needs_ocr, read_scanned_pages

    notes = notes if notes is not None else []
    with path.open("rb") as handle:
        handle.seek(max(path.stat().st_size - 4096, 0))
        if b"%%EOF" not in handle.read():
            raise LoadError("truncated_pdf")
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError("encrypted_pdf")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise LoadError("too_many_pages", pages=len(reader.pages), limit=MAX_PDF_PAGES)
        pages, scanned = [], []
        for number, page in enumerate(reader.pages, start=1):
            text = _page_text(page)
            if needs_ocr(text, _has_image(page)):
                scanned.append(number)
                text = ""
            pages.append(Page(number=number, text=text))
        _read_ruled_tables(path, reader, pages)
    except LoadError:
        raise
    except DependencyError as error:  # AES-encrypted without the crypto library
        raise LoadError("encrypted_pdf") from error
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        raise LoadError("corrupt_pdf", detail=f"{type(error).__name__}: {error}"[:160]) from error
    if scanned and not ocr:
        notes.append(Problem("ocr_off", {"pages": page_ranges(scanned)}))
    elif scanned:
        pages = read_scanned_pages(path, pages, scanned, notes, ocr_cache)
    return pages


def _read_ruled_tables(path: Path, reader, pages: list[Page]) -> None:
    """Rewrite the text of pages that draw ruled tables with the tables as pipe rows (ingest/pdf_tables.py).
    Pages left for OCR have no text yet and are not looked at."""
    from .pdf_tables import MIN_DRAWING_OPERATIONS, drawing_operations, page_tables, text_with_tables

    ruled = [
        page.number for page in pages
        if page.text and drawing_operations(reader.pages[page.number - 1]) >= MIN_DRAWING_OPERATIONS
    ]
    if not ruled:
        return
    try:
        tables = page_tables(path, ruled)
        for number, found in tables.items():
            pages[number - 1] = Page(number=number, text=text_with_tables(reader.pages[number - 1], found))
    except Exception:  # noqa: BLE001 - a table the layout reader cannot handle keeps pypdf's text, never loses the page
        return


def _page_text(page) -> str:
    try:
        text = page.extract_text() or ""
        if is_word_per_line(text):
            from .pdf_tables import text_with_tables

            return text_with_tables(page, [])
        return text
    except Exception:  # noqa: BLE001 - one undecodable page (odd font) must not lose the document
        return ""


# Some office suites print a page with every word in a text object of its own: pypdf's plain text then
# has one word per line, and every capitalised word looks like a heading. Such a page is read again with
# the words of one baseline joined (ingest/pdf_tables.text_with_tables).
WORD_PER_LINE_MIN_LINES = 20
WORD_PER_LINE_SHARE = 0.8


def is_word_per_line(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    return len(lines) >= WORD_PER_LINE_MIN_LINES and sum(len(line.split()) == 1 for line in lines) >= WORD_PER_LINE_SHARE * len(lines)


def _has_image(page) -> bool:
    """True when the page draws an image (a scan), so an empty text layer is worth OCR."""
    try:
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources else None
        return bool(xobjects and xobjects.get_object())
    except Exception:  # noqa: BLE001 - a broken resource dictionary only means 'no image found'
        return False


def is_binary(data: bytes) -> bool:
    """NUL bytes near the start and no UTF-16 byte order mark: not a text file."""
    return b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff"))


def read_text(path: Path, notes: list[Problem] | None = None) -> str:
    """UTF-8 (with or without BOM), else UTF-16 with BOM, else Windows-1252 with a note."""
    data = path.read_bytes()
    if is_binary(data):
        raise LoadError("not_text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Windows-made TXT files from Pemda offices are usually cp1252/latin-1.
        if notes is not None:
            notes.append(Problem("decoded_legacy", {"encoding": "Windows-1252"}))
        return data.decode("cp1252", errors="replace")


_PAGE_REF = re.compile(r"_page_(\d+)_|id=\"page-(\d+)-\d+\"")
_PRINTED_MARK = re.compile(r"^\s*-\s*(\d{1,4})\s*-\s*$")
# A Markdown image or link as CommonMark reads one: text with balanced brackets (one level deep), a
# destination (<...>, or without spaces with balanced parentheses one level deep) and an optional title.
# No two quantifiers can match the same characters, so it runs in linear time on any line.
MARKDOWN_LINK = re.compile(
    r"(?P<image>!?)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*+\])*+)\]"
    r"\(\s*+(?:<[^<>\n]*+>|[^\s()<>]*+(?:\([^\s()]*+\)[^\s()<>]*+)*+)"
    r"(?:\s++(?:\"[^\"]*+\"|'[^']*+'|\([^()]*+\)))?+\s*+\)"
)
_SPAN = re.compile(r"</?span[^<>]*>")


def split_text_pages(text: str) -> list[Page]:
    """Split converted text into pages at marker page refs, or else at printed page marks.

    Page refs are trusted first because they give the PDF page index itself; printed marks
    (`- 5 -`) are used only in files without refs. A file with neither is one page without number.
    """
    lines = text.splitlines()
    use_refs = any(_PAGE_REF.search(line) for line in lines)
    pages: list[Page] = []
    current: int | None = None
    buffer: list[str] = []

    def flush() -> None:
        body = "\n".join(buffer).strip("\n")
        if body.strip():
            pages.append(Page(number=current, text=body))
        buffer.clear()

    for line in lines:
        new_page = _page_of(line, use_refs)
        if new_page is not None and (current is None or new_page > current):
            if current is None and new_page > 1:
                current = new_page - 1  # text before the first mark is the page before it
            flush()
            current = new_page
        cleaned = _SPAN.sub("", drop_images(line))
        if cleaned.strip() or not line.strip():
            buffer.append(cleaned)
    flush()
    return pages or [Page(number=None, text="")]


def drop_images(line: str) -> str:
    """The line without its Markdown images (marker's `![](_page_3_Picture_0.jpeg)` refs); links stay for cleaning."""
    return MARKDOWN_LINK.sub(lambda link: "" if link.group("image") else link.group(0), line)


def _page_of(line: str, use_refs: bool) -> int | None:
    if use_refs:
        refs = [int(a or b) for a, b in _PAGE_REF.findall(line)]
        return max(refs) + 1 if refs else None
    mark = _PRINTED_MARK.match(line)
    return int(mark.group(1)) if mark else None
