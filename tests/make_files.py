"""Generated fixtures for real-world and broken inputs: small PDFs written byte by byte, DOCX, HTML.

Each generator writes a real file that the real loaders read; nothing here is a mock.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import CORPUS

SCANNED_SOURCE = CORPUS / "perbup-blitar-116-2022-sotk-dinas-kepemudaan-olahraga.pdf"
SCANNED_PAGES = (16, 17)  # image-only pages of the real Perbup Blitar 116/2022 scan


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def write_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A valid PDF with one Helvetica text line per list item on each page ([] = blank page)."""
    objects: list[bytes] = []
    n_pages = len(pages)
    # 1 catalog, 2 pages, 3 font, then per page: page object, content stream.
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, lines in enumerate(pages):
        ops = ["BT /F1 11 Tf 14 TL 60 780 Td"] + [f"({_escape(line)}) Tj T*" for line in lines] + ["ET"]
        stream = "\n".join(ops).encode("cp1252", errors="replace")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    return _write_objects(path, objects)


def write_word_by_word_pdf(path: Path, pages: list[list[str]]) -> Path:
    """Like write_pdf, but as some office suites print: the page flipped top-down, every word in a text
    object of its own. pypdf's plain text then puts each word on a line of its own."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, lines in enumerate(pages):
        ops = ["1 0 0 -1 0 842 cm"]
        for row, line in enumerate(lines):
            ops.append(f"q 1 0 0 1 60 {60 + 14 * row} cm")
            x = 0.0
            for word in line.split():
                ops.append(f"BT /F1 11 Tf 1 0 0 -1 {x:.1f} 0 Tm 0 -11 Td ({_escape(word)}) Tj ET")
                x += 8 * len(word) + 6
            ops.append("Q")
        stream = "\n".join(ops).encode("cp1252", errors="replace")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    return _write_objects(path, objects)


def _write_objects(path: Path, objects: list[bytes]) -> Path:
    """The numbered objects as a PDF file with its cross-reference table and trailer."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def regulation_lines(name: str, topic: str, pasal_count: int = 3) -> list[str]:
    """Title block and Pasal of a made-up Perbup (clearly fictitious: 'Kabupaten Contoh')."""
    lines = ["BUPATI CONTOH", f"PERATURAN BUPATI CONTOH NOMOR {len(name)} TAHUN 2024", "TENTANG", topic.upper(), ""]
    for n in range(1, pasal_count + 1):
        lines += [f"Pasal {n}", f"Ketentuan {n} tentang {topic} {name} berlaku bagi setiap perangkat daerah di Kabupaten Contoh."]
    return lines


def write_regulation_pdf(path: Path, topic: str, pasal_count: int = 3) -> Path:
    return write_pdf(path, [regulation_lines(path.stem, topic, pasal_count)])


def write_encrypted_pdf(path: Path, user_password: str) -> Path:
    """A text PDF encrypted with AES-256; an empty user password opens without asking (owner password set)."""
    from pypdf import PdfReader, PdfWriter

    plain = write_regulation_pdf(path.with_suffix(".plain.pdf"), "arsip terkunci")
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password=user_password, owner_password="pemilik-rahasia", algorithm="AES-256")
    with path.open("wb") as handle:
        writer.write(handle)
    plain.unlink()
    return path


def write_many_pages_pdf(path: Path, page_count: int) -> Path:
    """A long PDF: blank pages with a short regulation on the first page and a line every 500 pages."""
    pages: list[list[str]] = [[] for _ in range(page_count)]
    pages[0] = regulation_lines("panjang", "arsip panjang")
    for n in range(500, page_count, 500):
        pages[n] = [f"Catatan halaman {n + 1} dari arsip panjang Kabupaten Contoh."]
    return write_pdf(path, pages)


def write_scanned_pdf(path: Path, pages: tuple[int, ...] = SCANNED_PAGES, turned: tuple[int, ...] = ()) -> Path:
    """The real image-only `pages` of Perbup Blitar 116/2022 (16–17 by default), extracted into their own
    PDF; the pages in `turned` upside down, as a re-scan fed in the other way round."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(SCANNED_SOURCE)
    writer = PdfWriter()
    for number in pages:
        page = writer.add_page(reader.pages[number - 1])
        if number in turned:
            page.rotate(180)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def copy_scanned_source(folder: Path) -> Path:
    return Path(shutil.copy(SCANNED_SOURCE, folder / SCANNED_SOURCE.name))


def write_large_page_pdf(path: Path, width_pt: int = 14400, height_pt: int = 14400) -> Path:
    """A regulation page, then a scanned-looking page of `width_pt` × `height_pt` points (14,400 pt = 200 inches,
    the largest the PDF spec allows): an image and no text, so OCR wants it; 14,400² pt at 300 dpi is 3.6 gigapixels."""
    from PIL import Image
    from pypdf import PdfWriter

    text_pdf, image_pdf = path.with_suffix(".text.pdf"), path.with_suffix(".image.pdf")
    # Pillow sizes a PDF page as pixels / resolution inches: one pixel per inch (sides in whole inches).
    Image.new("L", (width_pt // 72, height_pt // 72), 128).save(image_pdf, "PDF", resolution=1.0)
    writer = PdfWriter(clone_from=write_regulation_pdf(text_pdf, "peta lampiran"))
    writer.append(image_pdf)
    with path.open("wb") as handle:
        writer.write(handle)
    text_pdf.unlink()
    image_pdf.unlink()
    return path


def write_docx_bomb(path: Path, inflated_bytes: int = 2**30) -> Path:
    """A real Word document whose `word/document.xml` is valid XML padded with spaces to `inflated_bytes`.

    Spaces deflate about 1,000x, so 1 GB packs into about 1 MB; they are written in chunks, never held whole.
    """
    import io
    import zipfile

    import docx

    plain = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Pasal 1 Ketentuan tentang arsip yang sangat besar.")
    document.save(plain)
    with zipfile.ZipFile(plain) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    body = parts.pop("word/document.xml")
    head, tail = body.split(b"<w:body>", 1)
    head += b"<w:body>"
    chunk = b" " * 2**20
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for name, data in parts.items():
            bomb.writestr(name, data)
        with bomb.open("word/document.xml", "w", force_zip64=True) as stream:
            stream.write(head)
            padding = max(inflated_bytes - len(head) - len(tail), 0)
            for _ in range(padding // len(chunk)):
                stream.write(chunk)
            stream.write(b" " * (padding % len(chunk)) + tail)
    return path


SOP_IDENTITY = [
    ("Nomor SOP", "045/SOP/DISKOMINFO/2024"),
    ("Tanggal Efektif", "8 Januari 2024"),
    ("Disahkan Oleh", "Kepala Dinas Komunikasi dan Informatika"),
    ("Nama SOP", "PELAYANAN PENGADUAN MASYARAKAT"),
]
SOP_SECTIONS = [("Dasar Hukum", "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"),
                ("Peralatan / Perlengkapan", "Komputer, Printer dan Buku Agenda")]
SOP_STEPS = [
    ("1", ["Menerima surat", "pengaduan masyarakat"], "Petugas", "Formulir", "1 hari kerja", "Buku Agenda"),
    ("2", ["Memeriksa berkas", "dan membuat disposisi"], "Kepala", "Disposisi", "3 hari kerja", "Lembar Disposisi"),
]


SOP_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SOP_PAGE_SIZE = (2480, 1754)  # A4 landscape at 150 dpi; ingest renders it at 300 dpi


def write_scanned_sop_pdf(path: Path, stages: bool = False, photographed: bool = False) -> Path:
    """A two-page SOP drawn as images only (no text layer), like the scans of Dinas Kominfo Kalbar:
    a ruled identity table and a ruled procedure table whose Kegiatan wraps over two lines and whose
    swimlane columns hold a drawn box instead of a name, so Tesseract's running text would interleave.
    `stages` and `photographed` are passed to `draw_procedure_page`."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(SOP_FONT, 30)
    identity = Image.new("L", SOP_PAGE_SIZE, 255)
    draw = ImageDraw.Draw(identity)
    top, row_height = 150, 90
    for i, (label, value) in enumerate(SOP_IDENTITY):
        y = top + i * row_height
        draw.rectangle((200, y, 2280, y + row_height), outline=0, width=4)
        draw.line((900, y, 900, y + row_height), fill=0, width=4)
        draw.text((220, y + 28), label, font=font, fill=0)
        draw.text((920, y + 28), value, font=font, fill=0)
    y = top + len(SOP_IDENTITY) * row_height
    for i, (label, value) in enumerate(SOP_SECTIONS):  # label row above its value, side by side
        left, right = (200, 1240) if i == 0 else (1240, 2280)
        draw.rectangle((left, y, right, y + row_height), outline=0, width=4)
        draw.rectangle((left, y + row_height, right, y + 3 * row_height), outline=0, width=4)
        draw.text((left + 20, y + 28), label, font=font, fill=0)
        draw.text((left + 20, y + row_height + 28), value[:40], font=font, fill=0)
        draw.text((left + 20, y + row_height + 78), value[40:], font=font, fill=0)
    procedure, _ = draw_procedure_page(stages, photographed)
    identity.save(path, "PDF", resolution=150, save_all=True, append_images=[procedure])
    return path


def draw_procedure_page(stages: bool = False, photographed: bool = False):
    """(page image, [(text, (left, top, right, bottom))] of every text line drawn) of the SOP_STEPS
    procedure table at 150 dpi. `stages` puts a banner row above each step ("TAHAP 1" right under the
    header), one cell from the Kegiatan column to the table's end. `photographed` draws the table's
    bottom ruling the way a phone camera (CamScanner) bends it: 20 px lower at its left end than at
    its right, with a flat stretch that bulges 1 px and a break where a column ruling meets it, so
    its pixel rows lie apart along the line."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(SOP_FONT, 30)
    image = Image.new("L", SOP_PAGE_SIZE, 255)
    draw = ImageDraw.Draw(image)
    texts = []

    def text(x: int, y: int, value: str) -> None:
        draw.text((x, y), value, font=font, fill=0)
        texts.append((value, draw.textbbox((x, y), value, font=font)))

    columns = [200, 320, 900, 1150, 1400, 1700, 1980, 2280]
    header = ["No", "Kegiatan", "Petugas", "Kepala", "Kelengkapan", "Waktu", "Output"]
    top, header_height, row_height, banner_height = 150, 90, 200, 80
    step_height = row_height + (banner_height if stages else 0)
    step_tops = [top + header_height + step_height * (i + 1) - row_height for i in range(len(SOP_STEPS))]
    bottom = step_tops[-1] + row_height

    def drop(x: int) -> int:
        """How far below its place the photographed bottom ruling lies at `x`."""
        if not photographed:
            return 0
        if x < 1000:
            return 20 - 16 * (x - columns[0]) // (1000 - columns[0])
        if x < 1760:
            return 3 if 1420 <= x < 1690 else 4
        return 4 - 6 * (x - 1760) // (columns[-1] - 1760)

    banner_tops = [y - banner_height for y in step_tops] if stages else []
    for y in sorted({top, top + header_height, *banner_tops, *step_tops, *(y + row_height for y in step_tops)}):
        if y != bottom or not photographed:
            draw.line((columns[0], y, columns[-1], y), fill=0, width=4)
    for x in columns:
        ends = [top, bottom + drop(x)]
        if x not in (columns[0], columns[1], columns[-1]):  # a banner is one cell beside the No column
            ends[1:1] = [y for banner_top in banner_tops for y in (banner_top, banner_top + banner_height)]
        for start, end in zip(ends[::2], ends[1::2]):
            draw.line((x, start, x, end), fill=0, width=4)
    if photographed:
        for x in range(columns[0] - 2, columns[-1] + 2):
            if x not in (1702, 1703):  # faded where the Waktu column's ruling meets it
                draw.line((x, bottom + drop(x) - 2, x, bottom + drop(x) + 2), fill=0)
    for name, left in zip(header, columns):
        text(left + 15, top + 28, name)
    for stage, banner_top in enumerate(banner_tops, start=1):
        text(columns[1] + 15, banner_top + 22, f"TAHAP {stage}")
    for y, (number, activity, actor, requirement, time, output) in zip(step_tops, SOP_STEPS):
        text(columns[0] + 30, y + 30, number)
        for j, line in enumerate(activity):
            text(columns[1] + 15, y + 30 + 45 * j, line)
        lane = columns[header.index(actor)]
        draw.rectangle((lane + 40, y + 50, lane + 210, y + 150), outline=0, width=5)  # the flowchart box
        for value, left in ((requirement, columns[4]), (time, columns[5]), (output, columns[6])):
            text(left + 15, y + 30, value)
    text(200, 60, "SOP PELAYANAN PENGADUAN MASYARAKAT")
    return image, texts


Cell = tuple[str, int]  # a table cell's text and how many columns it spans


def write_ruled_table_pdf(path: Path, pages: list[tuple[list[str], list[list[Cell]], list[str]]]) -> Path:
    """A landscape PDF whose pages hold text lines, a table drawn with ruling lines, and text lines below it.

    Each page is (lines above, table rows, lines below); a row is a list of (text, columns spanned).
    The rulings are drawn as line segments around every cell, the way office suites export tables."""
    width, height, left, row_height = 842, 595, 40, 22
    columns = max(sum(span for _, span in row) for _, rows, _ in pages for row in rows) if any(rows for _, rows, _ in pages) else 1
    column_width = (width - 2 * left) / columns
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, (above, rows, below) in enumerate(pages):
        ops, y = [], height - 50

        def text_line(x: float, y: float, text: str, size: int = 11) -> None:
            ops.append(f"BT /F1 {size} Tf {x:.1f} {y:.1f} Td ({_escape(text)}) Tj ET")

        for line in above:
            text_line(left, y, line)
            y -= 16
        y -= 10
        for row in rows:
            ops.append(f"{left} {y} m {width - left} {y} l S")
            x = left
            for text, span in row:
                ops.append(f"{x:.1f} {y} m {x:.1f} {y - row_height} l S")
                text_line(x + 3, y - 15, text, 9)
                x += span * column_width
            ops.append(f"{x:.1f} {y} m {x:.1f} {y - row_height} l S")
            y -= row_height
        if rows:
            ops.append(f"{left} {y} m {width - left} {y} l S")
        y -= 24
        for line in below:
            text_line(left, y, line)
            y -= 16
        stream = "\n".join(ops).encode("cp1252", errors="replace")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] /Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    return _write_objects(path, objects)
