"""A PDF page as a PNG image, so a citation can be checked against the printed original."""

from __future__ import annotations

import io
import threading
from pathlib import Path

# PDFium is not thread-safe and Streamlit serves each browser session from its own thread.
_PDFIUM = threading.Lock()


def page_png(path: Path, page_number: int, width: int = 1000) -> bytes:
    """Render 1-based page `page_number` of the PDF at `path` to PNG bytes about `width` pixels wide."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        pdf = pdfium.PdfDocument(str(path))
        try:
            if not 1 <= page_number <= len(pdf):
                raise ValueError(f"{path.name} tidak punya halaman {page_number} (ada {len(pdf)} halaman)")
            page = pdf[page_number - 1]
            image = page.render(scale=width / page.get_width()).to_pil()
            page.close()
        finally:
            pdf.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
