"""PDF pages to images with a bounded pixel count, for OCR (`ocr.py`) and the page previews (`assistant/pdfpage.py`).

A page is as large as the PDF says (14,400 pt, 200 inches, a side is legal), and pypdfium2's
`to_pil` skips Pillow's MAX_IMAGE_PIXELS check, so one hostile page at 300 dpi is a multi-gigabyte
bitmap. The pixel count is therefore computed from the page size before rendering: the scale is
lowered to fit the cap, and a page that fits only below a useful minimum scale is refused.
"""

from __future__ import annotations

import math


class PageTooLarge(ValueError):
    """A page that cannot be rendered within the pixel cap at the minimum useful scale."""

    def __init__(self, width_pt: float, height_pt: float, max_pixels: int, min_scale: float) -> None:
        self.width_pt, self.height_pt = width_pt, height_pt
        self.max_pixels, self.min_dpi = max_pixels, round(min_scale * 72)
        super().__init__(
            f"page of {width_pt:.0f}x{height_pt:.0f} pt needs more than {max_pixels:,} pixels at {self.min_dpi} dpi"
        )


def fit_scale(width_pt: float, height_pt: float, scale: float, max_pixels: int, min_scale: float) -> float:
    """`scale`, lowered so the rendered page has at most `max_pixels`; PageTooLarge if that is below `min_scale`.

    A preview's scale comes from a fixed pixel width, so a huge page asks for a tiny scale: that too is refused.
    """
    pixels = width_pt * scale * height_pt * scale
    fitted = scale if pixels <= max_pixels else scale * math.sqrt(max_pixels / pixels)
    if fitted < min_scale:
        raise PageTooLarge(width_pt, height_pt, max_pixels, min_scale)
    return fitted


def render_page(page, scale: float, max_pixels: int, min_scale: float, grayscale: bool = False):
    """A pypdfium2 page as a PIL image at `scale` (pixels per point), or smaller to stay within `max_pixels`."""
    width_pt, height_pt = page.get_size()
    fitted = fit_scale(width_pt, height_pt, scale, max_pixels, min_scale)
    return page.render(scale=fitted, grayscale=grayscale).to_pil()
