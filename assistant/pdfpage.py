"""A PDF page as a PNG image, so a citation can be checked against the printed original.

The image is bounded (`ingest.rendering`): a tall page is rendered narrower than asked, and a page
that would be unreadably small within the cap (a 200-inch hostile page) raises `PageTooLarge`.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path

from ingest.errors import UserError
from ingest.rendering import render_page

# PDFium is not thread-safe and Streamlit serves each browser session from its own thread.
_PDFIUM = threading.Lock()
MAX_PIXELS = 12_000_000  # 1400 px wide and about four A4 pages tall
MIN_SCALE = 1 / 3  # 24 dpi: an A0 map in landscape still shows; a 200-inch page would not


def page_png(path: Path, page_number: int, width: int = 1400) -> bytes:
    """Render 1-based page `page_number` of the PDF at `path` as PNG, the full page `width` pixels wide
    (narrower when that exceeds MAX_PIXELS), margins trimmed; `PageTooLarge` when it cannot be shown readably."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        pdf = pdfium.PdfDocument(str(path))
        try:
            if not 1 <= page_number <= len(pdf):
                raise UserError("pdf_no_page", name=path.name, page=page_number, pages=len(pdf))
            page = pdf[page_number - 1]
            try:
                image = render_page(page, width / page.get_width(), MAX_PIXELS, MIN_SCALE)
            finally:
                page.close()
        finally:
            pdf.close()
    buffer = io.BytesIO()
    _trim_margins(image).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _trim_margins(image, pad: int = 24):
    """Crop the blank paper around the printed area (F4/folio margins are wide), so the text reads larger."""
    from PIL import ImageOps

    box = ImageOps.invert(image.convert("L")).point(lambda value: 255 if value > 16 else 0).getbbox()
    if box is None:  # a blank page stays as it is
        return image
    left, top, right, bottom = box
    return image.crop((max(left - pad, 0), max(top - pad, 0), min(right + pad, image.width), min(bottom + pad, image.height)))
