"""File → pages. Each loader keeps page numbers, because every citation points at a page.

PDFs are read page by page with pypdf. Text and Markdown files have no pages of their own; the
Markdown that `marker` makes from a PDF carries image refs (`_page_K_`, 0-based) and span ids
(`page-K-N`) that say which PDF page the following text came from, and other converted files carry
printed page marks (`- 5 -`). Both become 1-based page numbers here.
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import Page

SUPPORTED_SUFFIXES = (".pdf", ".md", ".markdown", ".txt")


class LoadError(Exception):
    """A file that cannot be read; the message says what happened and what to do (Indonesian)."""


def load_pages(path: Path) -> list[Page]:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return load_pdf(path)
    if suffix in (".md", ".markdown", ".txt"):
        return split_text_pages(read_text(path))
    raise LoadError(f"format berkas tidak didukung ({suffix or 'tanpa ekstensi'}); gunakan PDF, MD atau TXT")


def load_pdf(path: Path) -> list[Page]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError("PDF terenkripsi dengan kata sandi; buka kuncinya lalu ingest ulang")
        return [Page(number=i + 1, text=page.extract_text() or "") for i, page in enumerate(reader.pages)]
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise LoadError(f"PDF rusak atau bukan PDF ({error}); periksa berkasnya atau unduh ulang") from error


def read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Windows-made TXT files from Pemda offices are usually cp1252/latin-1.
        return data.decode("cp1252", errors="replace")


_PAGE_REF = re.compile(r"_page_(\d+)_|id=\"page-(\d+)-\d+\"")
_PRINTED_MARK = re.compile(r"^\s*-\s*(\d{1,4})\s*-\s*$")
MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_SPAN = re.compile(r"</?span[^>]*>")


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
        cleaned = _SPAN.sub("", MARKDOWN_IMAGE.sub("", line))
        if cleaned.strip() or not line.strip():
            buffer.append(cleaned)
    flush()
    return pages or [Page(number=None, text="")]


def _page_of(line: str, use_refs: bool) -> int | None:
    if use_refs:
        refs = [int(a or b) for a, b in _PAGE_REF.findall(line)]
        return max(refs) + 1 if refs else None
    mark = _PRINTED_MARK.match(line)
    return int(mark.group(1)) if mark else None
