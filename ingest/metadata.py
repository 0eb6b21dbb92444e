"""Document metadata from the title block of an Indonesian government document, or a sidecar.

Regulations print a fixed heading ("PERATURAN BUPATI BLITAR / NOMOR 116 TAHUN 2022 / TENTANG
... / DENGAN RAHMAT TUHAN YANG MAHA ESA"), so the parser looks for that shape rather than for
known documents. Text comes from pypdf, OCR layers or markdown conversions, so every pattern
tolerates markup, line breaks, spaces inside words and O/l-for-0/1 digit confusions.
A `<file>.meta.toml` sidecar corrects whatever the title block gets wrong.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
import typing
from pathlib import Path
from typing import NamedTuple

from ingest.model import JENIS_SHORT, Document, Page

# How much of the first pages counts as the title block (a .md file arrives as one long page).
TITLE_BLOCK_CHARS = 20_000
HEADING_SEARCH_LINES = 80
HEADING_MAX_LINES = 15
REPORT_SEARCH_LINES = 40


def _fuzzy(phrase: str) -> str:
    """Regex for an upper-case phrase that survives OCR spacing: 'PRES I DEN', 'SURATEDARAN'."""
    words = re.split(r"[\s-]+", phrase)
    return r"[\s-]*".join(r"\s*".join(re.escape(char) for char in word) for word in words)


# Regulation headings: printed keyword, canonical jenis, word re-attached to the issuer text.
_HEADINGS = [
    ("UNDANG-UNDANG", "Undang-Undang", ""),
    ("PERATURAN PEMERINTAH", "Peraturan Pemerintah", ""),
    ("PERATURAN PRESIDEN", "Peraturan Presiden", ""),
    ("PERATURAN MENTERI", "Peraturan Menteri", "MENTERI"),
    ("PERATURAN KEPALA BADAN", "Peraturan Badan", "BADAN"),
    ("PERATURAN BADAN", "Peraturan Badan", "BADAN"),
    ("PERATURAN DAERAH", "Peraturan Daerah", ""),
    ("PERATURAN GUBERNUR", "Peraturan Gubernur", "GUBERNUR"),
    ("PERATURAN BUPATI", "Peraturan Bupati", "BUPATI"),
    ("PERATURAN WALI KOTA", "Peraturan Wali Kota", "WALI KOTA"),
    ("SURAT EDARAN", "Surat Edaran", ""),
    ("PEDOMAN", "Pedoman", ""),
]
_ENACTING_FORMULA = re.compile(_fuzzy("DENGAN RAHMAT TUHAN"), re.IGNORECASE)
_DRAFT = re.compile(r"^\W*(?:" + _fuzzy("RANCANGAN") + r"|DRAFT?)\b", re.IGNORECASE)
_YEAR = r"[12][0-9OoIl](?:\s?[0-9OoIl]){2}"
_NUMBER_BLOCK = re.compile(
    r"\bNOMOR\b\s*[:.]?\s*(?P<nomor>.*?)\s*(?:\bTAHUN\s*:?\s*(?P<tahun>" + _YEAR + r")\b)?"
    r"\s*\bTENTANG\b\s*(?P<tentang>.*)$",
    re.IGNORECASE,
)
# Where the heading ends: the opening formula, the preamble, or the body of the document.
# Preamble words count in capitals only before a colon, so a subject like 'TATA CARA MENETAPKAN …'
# is not cut.
_HEADING_END = re.compile(
    "(?i:" + _fuzzy("DENGAN RAHMAT") + ")|" + _fuzzy("MEMUTUSKAN")
    + r"|\b(?:Menimbang|Mengingat|Memperhatikan|Menetapkan)\b|\b(?:MENIMBANG|MENGINGAT|MEMPERHATIKAN|MENETAPKAN)\s*:"
)
# The signing official's line after the formula ("BUPATI BLITAR,"), for old headings without one.
_OFFICIAL = re.compile(r"^(?:PRESIDEN|MENTERI|KEPALA|GUBERNUR|BUPATI|WALI\s*KOTA)\b.*,$")
_SECTION_START = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[A-Z]\.|[IVX]+\.|BAB\s+[IVX]+)\s")
_REPUBLIC = re.compile(r"\bREPUB\w*\s+INDONESIA\b", re.IGNORECASE)

_ARTICLE_MARKERS = [
    re.compile(pattern, re.IGNORECASE | re.MULTILINE)
    for pattern in (
        r"^\W*ABSTRA(?:CT|K)\b",
        r"\bKata\s+Kunci\b|\bKeywords?\s*:",
        r"\b(?:NPP|NIM|NIP)\s*[.:]",
        r"\b(?:Skripsi|Tesis|Disertasi|Jurnal|Journal)\b",
        r"\bPembimbing\b",
        r"\bDOI\s*:",
    )
]

_SMALL_WORDS = {
    "dan", "atau", "di", "ke", "dari", "yang", "untuk", "pada", "dalam", "atas", "serta", "tentang",
    "bagi", "oleh", "melalui", "sebagai", "terhadap", "dengan", "antara", "kepada", "secara", "tanpa",
}
_ACRONYMS = {
    "APBD", "APBN", "ASN", "BLUD", "BPD", "BPK", "BPKP", "BPS", "BSSN", "BUMD", "BUMN", "CPNS", "CSIRT",
    "DIY", "DKI", "DPD", "DPR", "DPRD", "HAM", "ICT", "IT", "JDIH", "KPK", "KTP", "LKPP", "LPSE", "MPR",
    "NIK", "NKRI", "NTB", "NTT", "OPD", "PAD", "PANRB", "PKK", "PNS", "PPID", "PPPK", "PTSP", "RB", "RI",
    "RKPD", "RPJMD", "RPJMN", "RPJPD", "RT", "RW", "SDA", "SDM", "SKPD", "SOP", "SOTK", "SPBE", "SPIP",
    "TI", "TIK", "TNI", "UMKM", "UPT", "UPTD",
}
# Ministries whose customary short name is not simply their printed name.
_MINISTRY_SHORT = {
    "PENDAYAGUNAAN APARATUR NEGARA DAN REFORMASI BIROKRASI": "PANRB",
    "KOMUNIKASI DAN INFORMATIKA": "Kominfo",
    "KOMUNIKASI DAN DIGITAL": "Komdigi",
    "HUKUM DAN HAK ASASI MANUSIA": "Hukum dan HAM",
    "PERENCANAAN PEMBANGUNAN NASIONAL": "PPN/Bappenas",
}


def extract_metadata(source: str, pages: list[Page]) -> Document:
    """Classify the document and read its title block; fields it cannot find stay None."""
    text = _clean("\n".join(page.text for page in pages[:3])[:TITLE_BLOCK_CHARS])
    lines = text.splitlines()
    doc = Document(source=source, title=Path(source).stem, pages=len(pages))
    if _is_article(text):
        return _article(doc, lines)
    heading = _find_heading(lines, any_case=bool(_ENACTING_FORMULA.search(text)))
    if heading:
        return _regulation(doc, heading)
    plan = _find_plan(lines)
    if plan:
        return _plan(doc, lines, *plan)
    report = _find_report(lines)
    if report:
        return _report(doc, lines, *report)
    first = next((line for line in lines if len(line) > 3), None)
    return dataclasses.replace(doc, title=title_case(first)) if first else doc


def _clean(text: str) -> str:
    """Drop markdown/HTML markup and footnote marks, squeeze spaces, keep line breaks (they delimit
    headings)."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"<sup>[^<]*</sup>", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"[*`|]+", " ", text)
    lines = (re.sub(r"^\s*#+\s*", "", line) for line in text.splitlines())
    return "\n".join(re.sub(r"\s+", " ", line).strip() for line in lines)


def _is_article(text: str) -> bool:
    """Research papers carry abstract/keyword/student-number markers and never the enacting formula."""
    if _ENACTING_FORMULA.search(text):
        return False
    return sum(1 for marker in _ARTICLE_MARKERS if marker.search(text)) >= 2


class _Heading(NamedTuple):
    jenis: str
    prefix: str  # issuer word the keyword swallowed ("BUPATI" of "PERATURAN BUPATI")
    keyword: re.Pattern
    text: str  # the heading after the keyword, lines joined: "BLITAR NOMOR 116 TAHUN 2022 TENTANG …"
    before: list[str]  # lines up to and including the heading's first line


def _find_heading(lines: list[str], any_case: bool) -> _Heading | None:
    """The first line that starts a full regulation heading (…NOMOR…TENTANG…).

    Only line starts count, so a title such as 'IMPLEMENTASI PERATURAN BUPATI …' is no heading,
    and the search stops at the enacting formula so citations in the preamble are never taken.
    Headings are printed in capitals; other case is accepted only when the text has the
    enacting formula, i.e. is certainly a regulation.
    """
    flags = re.IGNORECASE if any_case else 0
    keywords = [(re.compile(_fuzzy(word), flags), jenis, prefix) for word, jenis, prefix in _HEADINGS]
    seen = 0
    for index, line in enumerate(lines):
        if not line:
            continue
        seen += 1
        if seen > HEADING_SEARCH_LINES:
            break
        body = _DRAFT.sub("", line).strip() if _DRAFT.match(line) else line
        for keyword, jenis, prefix in keywords:
            match = keyword.match(body)
            if match:
                text = _heading_text([body[match.end():]] + lines[index + 1:], _is_upper(body))
                if _NUMBER_BLOCK.search(text):
                    return _Heading(jenis, prefix, keyword, text, lines[:index + 1])
        if _HEADING_END.search(line):
            break
    return None


def _heading_text(lines: list[str], upper: bool) -> str:
    """Join the heading's lines until the opening formula, the preamble or body text
    (for a heading printed in capitals, the first line that is not)."""
    parts: list[str] = []
    for line in lines:
        if not line:
            continue
        end = _HEADING_END.search(line)
        if end:
            line = line[:end.start()]
        if parts and (_SECTION_START.match(line) or _OFFICIAL.match(line) or (upper and not _is_upper(line))):
            break
        parts.append(line)
        if end or len(parts) >= HEADING_MAX_LINES:
            break
    return " ".join(part.strip() for part in parts if part.strip())


def _regulation(doc: Document, heading: _Heading) -> Document:
    """Fill a regulation's fields from its heading text (issuer, NOMOR, TAHUN, TENTANG)."""
    number = _NUMBER_BLOCK.search(heading.text)
    issuer = heading.text[:number.start()]
    repeat = list(heading.keyword.finditer(issuer))  # .md conversions print the heading twice
    if repeat:
        issuer = issuer[repeat[-1].end():]
    issuer = " ".join(f"{heading.prefix} {_REPUBLIC.sub(' ', issuer)}".upper().split()).strip(" ,.")
    nomor = _nomor(number["nomor"])
    tahun = _year(number["tahun"]) if number["tahun"] else _year_in(nomor)
    tentang = _tentang(number["tentang"])
    instansi, daerah = _issuer_fields(issuer)
    status = "Rancangan" if any(_DRAFT.match(line) for line in heading.before) else None
    title = _regulation_title(heading, issuer, nomor, tahun, tentang, status)
    return dataclasses.replace(
        doc, title=title, jenis=heading.jenis, nomor=nomor, tahun=tahun, tentang=tentang,
        daerah=daerah, status=status, instansi=instansi,
    )


def _nomor(raw: str) -> str | None:
    """The number as printed ('2O' read as '20'); a draft's blank ('NOMOR ... TAHUN 2021') has none."""
    nomor = raw.strip(" :.,;")
    if re.fullmatch(r"[0-9OoIl]*[0-9][0-9OoIl]*", nomor):
        nomor = nomor.translate(str.maketrans("OoIl", "0011"))
    return nomor if re.search(r"[0-9A-Za-z]", nomor) else None


def _year(raw: str) -> int | None:
    """Read an OCR'd year ('2Ol8', '20 15'); reject anything outside the plausible range."""
    digits = re.sub(r"\s", "", raw).translate(str.maketrans("OoIl", "0011"))
    year = int(digits) if digits.isdigit() else None
    return year if year and 1900 <= year <= 2100 else None


def _year_in(text: str | None) -> int | None:
    """The year embedded in a number without TAHUN, e.g. 'PER/15/M.PAN/7/2008'."""
    match = re.search(r"(?<!\d)(19|20)\d{2}(?!\d)", text or "")
    return int(match.group()) if match else None


def _tentang(raw: str) -> str | None:
    """The subject in title case (upper-case print is unreadable in citations), no end punctuation."""
    tentang = raw.strip(" .,;:")
    if not tentang:
        return None
    return title_case(tentang) if _is_upper(tentang) else tentang


def _issuer_fields(issuer: str) -> tuple[str | None, str | None]:
    """(instansi, daerah) from the issuer named in the heading: a ministry, an agency or a region."""
    words = issuer.split(" ", 1)
    head, name = words[0], words[1] if len(words) > 1 else ""
    if head == "MENTERI":
        return f"Menteri {_MINISTRY_SHORT.get(name, title_case(name))}", None
    if head == "BADAN":
        return _acronym(name), None
    region = re.sub(r"^(?:WALI\s*KOTA|BUPATI|GUBERNUR)\s*", "", issuer)
    kind = {"BUPATI": "Kabupaten", "WALI": "Kota", "WALIKOTA": "Kota", "GUBERNUR": "Provinsi"}.get(head)
    if kind:
        region = re.sub(r"\s+PROVINSI\b.*$", "", region) if kind != "Provinsi" else region
        return None, f"{kind} {title_case(region)}" if region else None
    if head in ("KABUPATEN", "KOTA", "PROVINSI") and name:
        return None, title_case(issuer)
    return None, None


def _acronym(name: str) -> str:
    """Agencies are cited by their initials: 'SIBER DAN SANDI NEGARA' -> 'BSSN'."""
    initials = "".join(word[0] for word in name.split() if word.lower() not in _SMALL_WORDS)
    return "B" + initials.upper()


def _regulation_title(heading: _Heading, issuer: str, nomor, tahun, tentang, status) -> str:
    """A readable full title: 'Peraturan Bupati Pakpak Bharat Nomor 34 Tahun 2019 tentang …'."""
    name = re.sub(rf"^{heading.prefix}\s*", "", issuer) if heading.prefix else issuer
    printed_year = tahun and str(tahun) not in (nomor or "")  # 'PER/15/M.PAN/7/2008' has its year
    parts = ["Rancangan" if status else None, heading.jenis, title_case(name) if name else None]
    parts += [f"Nomor {nomor}" if nomor else None, f"Tahun {tahun}" if printed_year else None]
    parts += [f"tentang {tentang}" if tentang else None]
    return " ".join(part for part in parts if part)


def _article(doc: Document, lines: list[str]) -> Document:
    """A research paper: its own title, and the region it studies; the year only if printed as such."""
    title = title_case(_leading_block(lines)) or doc.title
    return dataclasses.replace(doc, title=title, jenis="Artikel Penelitian", daerah=_daerah_in(title))


# Planning documents, accountability reports and procedure leaflets, by the name their cover starts with.
_PLAN_KINDS = [
    (re.compile(pattern, re.IGNORECASE), jenis)
    for pattern, jenis in (
        (r"RENCANA PEMBANGUNAN JANGKA PANJANG NASIONAL|RPJPN\b", "RPJPN"),
        (r"RENCANA PEMBANGUNAN JANGKA MENENGAH NASIONAL|RPJMN\b", "RPJMN"),
        (r"RENCANA PEMBANGUNAN JANGKA PANJANG DAERAH|RPJPD\b", "RPJPD"),
        (r"RENCANA PEMBANGUNAN JANGKA MENENGAH DAERAH|RPJMD\b", "RPJMD"),
        (r"RENCANA KERJA PEMERINTAH DAERAH|RKPD\b", "RKPD"),
        (r"RENCANA STRATEGIS|RENSTRA\b", "Rencana Strategis"),
        (r"RENCANA KERJA\b|RENJA\b", "Rencana Kerja"),
        (r"LAPORAN KETERANGAN PERTANGGUNG\s?JAWABAN|LKPJ\b", "LKPJ"),
        (r"LAPORAN AKUNTABILITAS KINERJA|LAKIP\b|LKJIP\b", "LAKIP"),
        (r"TATA CARA\b", "Tata Cara"),
    )
]
_PLAN_PREFIX = re.compile(r"^(?:PERUBAHAN|RANCANGAN|DOKUMEN|RANCANGAN AKHIR)\s+", re.IGNORECASE)
_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–—/]\s*((?:19|20)\d{2})(?!\d)")
_FRONT_MATTER_TITLE = re.compile(r'^title:\s*"?(.*?)"?\s*$')


def _find_plan(lines: list[str]):
    """The first early line that starts with a planning document's name, as (index, jenis)."""
    nonblank = [(i, line) for i, line in enumerate(lines) if line][:REPORT_SEARCH_LINES]
    for index, line in nonblank:
        body = _PLAN_PREFIX.sub("", line).lstrip("( ")
        for pattern, jenis in _PLAN_KINDS:
            if pattern.match(body):
                return index, jenis
    return None


def _plan(doc: Document, lines: list[str], index: int, jenis: str) -> Document:
    """A plan: its cover as title (a converted chapter keeps its front-matter title after the plan's
    name), the first year of the period it covers as `tahun`."""
    cover = _leading_block(lines[index:])
    end = _PERIOD.search(cover)
    cover = cover[:end.end()] if end else cover  # a cover ends with its period; the preface's capitals follow
    after = " ".join(lines[index:index + 12])
    period = _PERIOD.search(after)
    front = next((m.group(1) for line in lines[:index] if (m := _FRONT_MATTER_TITLE.match(line))), None)
    if front:
        span = f" {period.group(1)}–{period.group(2)}" if period else ""
        title = f"{JENIS_SHORT[jenis]}{span}, {front}"
    else:  # a cover that prints only the abbreviation ("(RENSTRA)") gets the kind's name
        named = re.sub(r"^\(\s*\w+\s*\)\s*", "", cover)
        title = title_case(named)
        if named != cover and jenis.lower() not in title.lower():
            title = f"{jenis} {title}"
    return dataclasses.replace(
        doc, title=title, jenis=jenis, tahun=int(period.group(1)) if period else None, daerah=_daerah_in(title)
    )


def _find_report(lines: list[str]):
    """The first early line that starts with 'Laporan', as (index, title)."""
    nonblank = [(i, line) for i, line in enumerate(lines) if line][:REPORT_SEARCH_LINES]
    for index, line in nonblank:
        if re.match(r"laporan\b", line, re.IGNORECASE):
            return index, _leading_block(lines[index:])
    return None


def _report(doc: Document, lines: list[str], index: int, title: str) -> Document:
    """A report: its heading as title, the year it covers ('Tahun 2024', else the cover date)."""
    after = "\n".join(lines[index:])
    tahun = _year_in(title) or _year_in(after[len(title):len(title) + 2000])
    title = title_case(title)
    return dataclasses.replace(doc, title=title, jenis="Laporan", tahun=tahun, daerah=_daerah_in(title))


def _leading_block(lines: list[str]) -> str:
    """A cover heading: its first line, plus the upper-case lines after an upper-case first line
    (pypdf may emit one word per line), plus a lone 'Tahun 2024' line beneath it."""
    nonblank = [line for line in lines if line]
    if not nonblank:
        return ""
    parts = [nonblank[0]]
    for line in nonblank[1:]:
        if (_is_upper(parts[0]) and _is_upper(line) and len(parts) < 30) or re.fullmatch(r"Tahun \d{4}", line):
            parts.append(line)
            continue
        break
    return " ".join(parts)


def _daerah_in(title: str) -> str | None:
    """The region a report or paper is about: 'di Kabupaten Blitar', 'Pemerintah Provinsi NTB'."""
    match = re.search(
        r"\b(?:di|Pemerintah(?: Daerah)?)\s+(Kabupaten|Kota|Provinsi)\s+((?:[A-Z][\w-]*\s?){1,3})", title
    )
    if not match:
        return None
    words = []
    for word in match.group(2).split():
        if word in ("Kabupaten", "Kota", "Provinsi", "Tahun", "Dinas", "Badan", "Sekretariat", "Nomor"):
            break
        words.append(word)
    return f"{match.group(1)} {' '.join(words)}" if words else None


def _is_upper(text: str) -> bool:
    """Mostly capitals (OCR slips a few lower-case letters in); text without letters qualifies."""
    letters = [char for char in text if char.isalpha()]
    return not letters or sum(char.isupper() for char in letters) >= 0.8 * len(letters)


def title_case(text: str | None) -> str | None:
    """Indonesian title case: small words lower, acronyms and Roman numerals kept upper."""
    if text is None or not _is_upper(text):
        return text
    words = []
    for position, word in enumerate(text.split()):
        if position and word.lower() in _SMALL_WORDS:
            words.append(word.lower())
        else:
            words.append(re.sub(r"[A-Za-z]+", _title_word, word))
    return " ".join(words)


def _title_word(match: re.Match) -> str:
    """One run of letters: acronyms and Roman numerals stay upper, other words are capitalised."""
    word = match.group()
    if word.upper() in _ACRONYMS or re.fullmatch(r"[IVX]+", word):
        return word.upper()
    return word.capitalize()


# --- sidecar overrides -------------------------------------------------------------------------

_PIPELINE_FIELDS = {"source", "sha256"}  # identity of the file, never overridden by hand


def sidecar_path(path: Path) -> Path:
    """`corpus/foo.pdf` -> `corpus/foo.pdf.meta.toml`."""
    return path.with_name(path.name + ".meta.toml")


def load_sidecar(path: Path) -> dict:
    """Read and validate a `.meta.toml` sidecar; {} when there is none.

    Unknown keys and wrong types raise ValueError naming the key and the file, so a typo in a
    hand-written correction fails loudly instead of being ignored.
    """
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path}: invalid TOML: {error}") from error
    hints = typing.get_type_hints(Document)
    allowed = {field.name for field in dataclasses.fields(Document)} - _PIPELINE_FIELDS
    for key, value in data.items():
        if key not in allowed:
            raise ValueError(f"{path}: unknown key {key!r}; allowed keys: {', '.join(sorted(allowed))}")
        expected = tuple(t for t in typing.get_args(hints[key]) or (hints[key],) if t is not type(None))
        if isinstance(value, bool) or not isinstance(value, expected):
            names = " or ".join(t.__name__ for t in expected)
            raise ValueError(f"{path}: key {key!r} must be {names}, got {type(value).__name__} {value!r}")
    if "jenis" in data and data["jenis"] not in JENIS_SHORT:
        raise ValueError(f"{path}: jenis {data['jenis']!r} is not one of: {', '.join(JENIS_SHORT)}")
    return data


def apply_overrides(doc: Document, overrides: dict) -> Document:
    """The parsed document with the sidecar's fields taking precedence."""
    return dataclasses.replace(doc, **overrides)
