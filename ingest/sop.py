"""SOPs in the PermenPANRB 35/2012 format: identity fields and procedure steps as citable units.

An SOP is recognised by its content, the identity labels it prints ("Nomor SOP", "Dasar Hukum",
"Kualifikasi Pelaksana", ...), never by its file name. Its tables arrive as Markdown rows, from a
born-digital file or rebuilt from a scan's word boxes (`ocr_layout`). Each identity field becomes
a section named by its label, each procedure step a section "Langkah N" whose text names every
cell by its column ("Pelaksana: Subag Umpeg", "Waktu: 1 hari kerja"), so the step reads on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Node, Page
from .ocr_layout import INK_MARK as _INK_MARK
from .tables import is_row, split_cells

IDENTITY = "Identitas SOP"  # the section of an SOP's identity fields, "Identitas SOP › Dasar Hukum"
# Identity labels as printed, with the names they are cited by. Matched on letters only, so "Nomor Urut
# SOP", "Peralatan / perlengkapan" and OCR spacing all match.
IDENTITY_LABELS = (
    ("nomor", "Nomor SOP"),
    ("tanggalpembuatan", "Tanggal Pembuatan"),
    ("tanggalrevisi", "Tanggal Revisi"),
    ("tanggalefektif", "Tanggal Efektif"),
    ("tanggalpengesahan", "Tanggal Pengesahan"),
    ("disahkanoleh", "Disahkan oleh"),
    ("namasop", "Nama SOP"),
    ("dasarhukum", "Dasar Hukum"),
    ("kualifikasipelaksana", "Kualifikasi Pelaksana"),
    ("kualitaspelaksana", "Kualifikasi Pelaksana"),
    ("keterkaitan", "Keterkaitan"),
    ("peringatan", "Peringatan"),
    ("peralatan", "Peralatan/Perlengkapan"),
    ("pencatatan", "Pencatatan dan Pendataan"),
)
MIN_LABELS = 4  # this many distinct identity labels make a document an SOP
LABEL_SLACK = 12  # letters a label cell may carry beyond the label itself ("Nomor Urut SOP" -> "urutsop")
_STEP_COLUMNS = re.compile(r"waktu|kegiatan|aktivitas|uraian", re.IGNORECASE)


@dataclass
class Sop:
    fields: dict[str, str] = field(default_factory=dict)  # cited label -> value
    field_pages: dict[str, int | None] = field(default_factory=dict)
    steps: list[tuple[str, list[tuple[str, str]], int | None]] = field(default_factory=list)  # (number, [(column, value)], page)
    heading: str | None = None  # "SOP <name>" printed above the procedure table, clear of stamps and signatures


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def label_of(cell: str) -> tuple[str, str] | None:
    """(cited label, text after the label) when the cell starts with an identity label."""
    letters = _letters(cell)
    for key, name in IDENTITY_LABELS:
        if letters.startswith(key):
            words = name.split("/")[0].split()
            rest = _after_label(cell, words[-1] if key != "nomor" else "SOP")
            if len(_letters(rest)) <= LABEL_SLACK or key not in ("nomor", "namasop"):
                return name, rest
    return None


def _after_label(cell: str, last_word: str) -> str:
    match = re.search(re.escape(last_word) + r"\w*\s*[:/]?\s*(?:perlengkapan|pendataan|pendaftaran)?\W*", cell, re.IGNORECASE)
    return cell[match.end():].strip() if match else ""


def is_sop(pages: list[Page]) -> bool:
    text = "\n".join(page.text for page in pages[:3])
    found = {hit[0] for line in text.splitlines() for cell in _cells(line) if (hit := label_of(cell))}
    return len(found) >= MIN_LABELS


def _cells(line: str) -> list[str]:
    """A pipe row's cells (ingest/tables.py reads them), or a plain line as one cell."""
    if is_row(line):
        return split_cells(line)
    return [line.strip()] if line.strip() else []


def parse_sop(pages: list[Page]) -> Sop:
    """Identity fields and steps from the pages' Markdown rows, and from label lines outside tables
    (whose value is the plain lines below them, up to the next label or table)."""
    sop = Sop()
    pending: list[tuple[int, str]] = []  # labels of an all-label row, waiting for the values below them
    open_label: tuple[str, list[str], int | None] | None = None  # a label line outside a table, gathering its lines
    header: list[str] | None = None
    for page in pages:
        for line in page.text.splitlines():
            cells = _cells(line)
            in_table = is_row(line)
            labels = [label_of(cell) for cell in cells]
            heading = not in_table and not any(labels) and re.match(r"SOP\s+\w", line.strip())
            if open_label and (in_table or any(labels) or heading):
                _store(sop, open_label[0], " ".join(open_label[1]), open_label[2])
                open_label = None
            if not cells or re.fullmatch(r"[\s|:-]*", line):
                continue
            if open_label:
                open_label[1].append(line.strip())
                continue
            if heading:
                sop.heading = sop.heading or line.strip()
                _store(sop, "Nama SOP", line.strip(), page.number)  # when the identity cell is unreadable
                continue
            if in_table and any(_STEP_COLUMNS.search(c) for c in cells) and len(cells) >= 4:
                header = cells
                continue
            if header and len(cells) == len(header) and cells[0].strip(" .").isdigit():
                step = _step_cells(header, cells)
                if any(name != "Pelaksana" for name, _ in step):  # an arrow splitting a row leaves a row of marks only
                    sop.steps.append((cells[0].strip(" ."), step, page.number))
                continue
            if pending and not any(labels):
                for position, name in pending:
                    _store(sop, name, cells[position] if position < len(cells) else "", page.number)
                pending = []
                continue
            pending = []
            for i, (cell, label) in enumerate(zip(cells, labels)):
                if not label:
                    continue
                name, rest = label
                neighbour = cells[i + 1] if i + 1 < len(cells) and not labels[i + 1] else ""
                if rest or neighbour:
                    _store(sop, name, rest or neighbour, page.number)
                elif in_table:
                    pending.append((i, name))
                else:
                    open_label = (name, [], page.number)
    if open_label:
        _store(sop, open_label[0], " ".join(open_label[1]), open_label[2])
    return sop


def _store(sop: Sop, name: str, value: str, page: int | None) -> None:
    value = value.strip(" |")
    if value and value != _INK_MARK and name not in sop.fields:
        sop.fields[name] = value
        sop.field_pages[name] = page


def _step_cells(header: list[str], cells: list[str]) -> list[tuple[str, str]]:
    """A step's cells by column; the swimlane columns with a drawn shape become one 'Pelaksana'."""
    lanes = [name for name in header if name.lower().startswith("pelaksana ")] or header
    actors = [_lane(name) for name, value in zip(header, cells) if value.startswith(_INK_MARK) and name in lanes]
    named = [
        (name, value.removeprefix(_INK_MARK).strip()) for name, value in zip(header[1:], cells[1:])
        if value.removeprefix(_INK_MARK).strip() and not name.lower().startswith("pelaksana ")
    ]
    if actors:
        named.insert(1 if named else 0, ("Pelaksana", ", ".join(actors)))
    return named


def _lane(column: str) -> str:
    return re.sub(r"^pelaksana\s+", "", column, flags=re.IGNORECASE)


def sop_tree(sop: Sop) -> Node:
    """Sections 'Identitas SOP › <label>' and 'Langkah N', each with text that names what it is."""
    root = Node(kind="document")
    identity = Node(kind="section", label=IDENTITY)
    for name, value in sop.fields.items():
        page = sop.field_pages.get(name)
        identity.children.append(Node(kind="section", label=name, text=f"{name}: {value}", page_start=page, page_end=page))
    if identity.children:
        root.children.append(identity)
    for number, cells, page in sop.steps:
        text = f"Langkah {number}: " + "; ".join(f"{name}: {value}" for name, value in cells)
        root.children.append(Node(kind="section", label=f"Langkah {number}", text=text, page_start=page, page_end=page))
    return root


def sop_title(sop: Sop) -> str | None:
    """'SOP <name>', from the procedure page's heading when there is one: the identity page's name cell
    shares its space with the stamp and the signature, which OCR reads into the name."""
    name = sop.heading or sop.fields.get("Nama SOP")
    if not name:
        return None
    name = re.sub(r"^(?:SOP|STANDAR OPERASIONAL PROSEDUR)\s+", "", name, flags=re.IGNORECASE)
    return f"SOP {name}"


# The issuer printed in capitals at the head of the identity page ("PEMERINTAH PROVINSI KALIMANTAN BARAT
# DINAS KOMUNIKASI DAN INFORMATIKA"; OCR may read "PROVISI"): the region every step of the SOP belongs to,
# though no step names it. Capitals only: "Provinsi" in the Dasar Hukum's titles is no issuer.
_ISSUER_REGION = re.compile(r"\b(PROVINSI|PROVISI|PROPINSI|KABUPATEN|KOTA)\s+((?:(?!DINAS\b|BADAN\b|KANTOR\b|SEKRETARIAT\b|NOMOR\b)[A-Z]{3,}\s?){1,3})")
_LEVEL_NAMES = {"PROVINSI": "Provinsi", "PROVISI": "Provinsi", "PROPINSI": "Provinsi", "KABUPATEN": "Kabupaten", "KOTA": "Kota"}


def sop_daerah(pages: list[Page]) -> str | None:
    """'Provinsi Kalimantan Barat' from the issuer at the head of the SOP's first page."""
    match = _ISSUER_REGION.search(pages[0].text) if pages else None
    if not match:
        return None
    return f"{_LEVEL_NAMES[match.group(1)]} {match.group(2).strip().title()}"


def sop_year(sop: Sop) -> int | None:
    for label in ("Tanggal Efektif", "Tanggal Pembuatan", "Tanggal Pengesahan", "Nomor SOP"):
        match = re.search(r"(?<!\d)(20\d{2})(?!\d)", sop.fields.get(label, ""))
        if match:
            return int(match.group(1))
    return None
