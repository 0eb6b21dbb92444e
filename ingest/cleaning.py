"""Page-text cleaning: strip print furniture and OCR/Markdown noise before parsing and display.

Pure functions over `Page`s. Running headers/footers are found by how often a short line recurs at
the top or bottom of pages (not by a list fitted to known files), plus a few patterns every
Indonesian regulation prints (page numbers "- 5 -", the PRESIDEN banner, "SALINAN", JDIH URLs,
continuation marks "Pasal 5 . . ." at page bottoms).

Markdown heading markers (`#`) are removed by default. `keep_heading_marks=True` keeps them (on their
own line) so `structure.parse_sections` can tell a heading from body text; both parsers call
`clean_pages(..., keep_heading_marks=True)` themselves and strip the marks from labels, so callers
may pass raw loader pages.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ingest.legaltext import ANGKA, AYAT, HURUF
from ingest.loaders import MARKDOWN_LINK
from ingest.model import Page

EDGE_LINES = 4  # lines inspected at the top and at the bottom of a page for running headers/footers
MIN_REPEAT_PAGES = 3
REPEAT_SHARE = 0.3
MAX_FURNITURE_LEN = 90

_PAGE_NUMBER = re.compile(r"^[-–_]\s*\d{1,3}\s*[-–_]$|^(hal(aman)?\.?|page)\s*\d{1,3}$", re.I)
_BARE_NUMBER = re.compile(r"^\d{1,3}$")
_INLINE_PAGE_NUMBER = re.compile(r"(?<!\S)[-_]\s?\d{1,3}\s?[-_](?!\S)")
_BANNER = re.compile(r"^(PRESIDEN )?REPUBLIK INDONESIA$|^PRESIDEN$")
_SALINAN = re.compile(r"^SALINAN$", re.I)
# A JDIH/peraturan.go.id URL alone on its line. The lookahead checks "no space to the end" once, and the
# first "jdih" is taken atomically, so a long line is scanned a bounded number of times, not once per letter.
_URL_FURNITURE = re.compile(
    r"^(?=\S*+$)(?:https?://)?(?:www\.peraturan\.go\.id|jdih\.[\w.-]|(?>[\w.-]*?jdih)[\w.-]*?\.go\.id)", re.I
)
_CONTINUATION = re.compile(r"^.{1,60}?\s?(\.\s?){3,}$|^.{1,60}?\s?…\s*\.?$")
_SPACED_PRESIDEN = re.compile(r"\bP ?R ?E ?S ?I ?D ?E ?N\b")
_OCR_BANNER = re.compile(r"\bP ?R ?E ?S I ?D ?E ?N REPUB\w* INDONESIA\b(?!,)")
_PASAL_OCR = re.compile(r"\bPasa[1Il]\b|\bPASA[1l]\b")
_PASAL_GLUED = re.compile(r"\bPasal(?=\d)")
# A whole word of digits and digit look-alikes with at least one real digit; possessive, so linear.
_DIGIT_RUN = re.compile(r"\b(?=[OlI]*+\d)[\dOlI]++\b")
_BAB_OCR = re.compile(r"^(BAB )([IVXLl]+)\b")
_STRUCTURAL_HEADING = re.compile(r"^(#+\s*)?(Pasal|BAB|Bagian|Paragraf|LAMPIRAN)\b")
_SUP = re.compile(r"<sup>((?:(?!<sup>).)*?)</sup>", re.I)  # an opener never scans past the next one
_TAGS = re.compile(r"</?(span|sub|br|b|i|u|a)\b[^<>]*>|<img\b[^<>]*>", re.I)
_LINE_BREAK = re.compile(r"<br\s*/?>", re.I)
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
# Markdown italics a converter left around words ("_Online_ _Single_ _Submission._", "_Pasal 81"): an
# underscore that opens or closes a word, never one inside it ("tag_name").
_ITALIC_MARK = re.compile(r"(?<!\w)_(?=[\w(\[\"'])|(?<=[\w.,;:)\]\"'])_(?!\w)")
# ... and "*Smart Governance*": only a pair of stars around words, so a footnote mark ("paling singkat)*:") stays.
_STAR_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_HEADING_MARK = re.compile(r"^(#{1,6})\s*")
_BULLET_BEFORE_MARKER = re.compile(r"^[-*•]\s+(?=\(?\w{1,3}[.)]\s)")
# Whole words only (\b, possessive): a match can start only at a word's first letter, so linear.
_HYPHEN_BREAK = re.compile(r"\b(\w++)-[ \t]*+\n[ \t]*+(\w++)")
_HYPHEN_SPACE = re.compile(r"\b(\w++)- (\w++)")
MAX_MARKUP_PASSES = 16  # deeper nesting than this is no document; the renderer escapes whatever is left


def clean_pages(pages: list[Page], keep_heading_marks: bool = False) -> list[Page]:
    """New pages with furniture removed, hyphenation rejoined and noise normalised."""
    line_lists = [_split_lines(page.text) for page in pages]
    furniture = _repeated_edge_lines(line_lists)
    cleaned = []
    for page, lines in zip(pages, line_lists):
        lines = _drop_edge_furniture(lines, furniture, paged=page.number is not None)
        text = rejoin_hyphenation("\n".join(lines))
        text = "\n".join(rejoin_label_column([line for line in (normalize_line(line, keep_heading_marks) for line in text.split("\n")) if line]))
        cleaned.append(Page(number=page.number, text=text, ocr=page.ocr))
    return cleaned


# Mathematical letters and digits (U+1D400–U+1D7FF) that a PDF's formulas are set in: "𝑰𝒏𝒅𝒆𝒌𝒔" is "Indeks".
_MATH_ALPHANUMERIC = re.compile("[\U0001D400-\U0001D7FF]+")


def normalize_line(line: str, keep_heading_marks: bool = False) -> str:
    """One line with Markdown noise stripped and OCR errors in structural tokens fixed."""
    line = _MATH_ALPHANUMERIC.sub(lambda run: unicodedata.normalize("NFKC", run.group()), strip_markup(line))
    heading = _HEADING_MARK.match(line)
    mark = heading.group(1) + " " if heading else ""
    line = line[heading.end():] if heading else line
    line = _BULLET_BEFORE_MARKER.sub("", line.strip())
    line = _OCR_BANNER.sub("", line)
    line = _INLINE_PAGE_NUMBER.sub("", line)
    line = fix_ocr(line)
    line = re.sub(r"\s+", " ", line).strip()
    if not line or _is_furniture(line):
        return ""
    return mark + line if keep_heading_marks else line


def strip_markup(line: str) -> str:
    """The line without tags, bold, `^`, links (their text kept) and images, repeated until nothing changes.

    Links and images go last in each pass and the passes repeat, because removing other markup can
    form one: `!**[x](u)**`, `!<b></b>[x](u)` and `!^[x](u)` each become the image `![x](u)`.
    """
    for _ in range(MAX_MARKUP_PASSES):
        stripped = _strip_markup_once(line)
        if stripped == line:
            break
        line = stripped
    return line


def _strip_markup_once(line: str) -> str:
    line = _SUP.sub(r"\1", line)
    line = _LINE_BREAK.sub(" ", line)  # "Indeks Domain<br>Kebijakan" is two words
    line = _TAGS.sub("", line)
    line = _BOLD.sub(lambda m: m.group(1) or m.group(2), line)
    line = _ITALIC_MARK.sub("", _STAR_ITALIC.sub(r"\1", line))
    line = re.sub(r"^\*\*|\*\*$", "", line.strip()).replace("^", "")
    return MARKDOWN_LINK.sub(lambda link: "" if link.group("image") else link.group("text"), line)


def fix_ocr(line: str) -> str:
    """Fix OCR confusions only inside tokens that are structural or numeric, never in plain words."""
    line = _PASAL_OCR.sub("Pasal", line)
    line = _PASAL_GLUED.sub("Pasal ", line)
    line = _SPACED_PRESIDEN.sub("PRESIDEN", line)
    line = line.replace("REPUBUK", "REPUBLIK")
    line = _DIGIT_RUN.sub(_fix_digit_run, line)
    return _BAB_OCR.sub(lambda m: m.group(1) + m.group(2).replace("l", "I"), line)


def _fix_digit_run(match: re.Match) -> str:
    token = match.group(0)
    if len(token) < 2 or token.isdigit() or not token[0].isdigit() and not token[-1].isdigit():
        return token
    return token.translate(str.maketrans("OlI", "011"))


def rejoin_hyphenation(text: str) -> str:
    """Join words split at a line break; keep the hyphen of reduplicated or capitalised compounds."""
    text = _HYPHEN_BREAK.sub(_join_hyphen, text)
    return _HYPHEN_SPACE.sub(_join_hyphen, text)


def _join_hyphen(match: re.Match) -> str:
    head, tail = match.group(1), match.group(2)
    if tail[0].isupper() or tail[0].isdigit() or _is_reduplication(head, tail):
        return f"{head}-{tail}"
    return head + tail


def _is_reduplication(head: str, tail: str) -> bool:
    """'perundang-undangan', 'hak-hak', 'sebesar-besarnya': a suffix of head begins tail."""
    head, tail = head.lower(), tail.lower()
    return any(tail.startswith(head[i:]) for i in range(max(0, len(head) - 12), len(head) - 2))


def _split_lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.replace("\r", "").split("\n")]


def _furniture_key(line: str) -> str:
    """Lines equal up to digits and spacing count as the same running header ('Page 4' ~ 'Page 5')."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.strip().lower()))


def _edges(lines: list[str]) -> list[str]:
    content = [line for line in lines if line.strip()]
    return content[:EDGE_LINES] + content[-EDGE_LINES:]


def _repeated_edge_lines(line_lists: list[list[str]]) -> set[str]:
    """Keys of short lines that recur at page tops/bottoms on many pages."""
    if len(line_lists) < MIN_REPEAT_PAGES:
        return set()
    counts = Counter()
    for lines in line_lists:
        counts.update({_furniture_key(line) for line in _edges(lines) if _may_be_furniture(line)})
    threshold = max(MIN_REPEAT_PAGES, REPEAT_SHARE * len(line_lists))
    return {key for key, count in counts.items() if count >= threshold and key.strip("# -")}


def _may_be_furniture(line: str) -> bool:
    """Short and not a structural heading: 'Pasal 7' recurs at page tops but is content."""
    return len(line.strip()) <= MAX_FURNITURE_LEN and not _STRUCTURAL_HEADING.match(fix_ocr(line.strip()))


def _drop_edge_furniture(lines: list[str], furniture: set[str], paged: bool) -> list[str]:
    """Remove furniture lines among the first/last few content lines; continuation marks at the bottom."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    edge = set(content[:EDGE_LINES] + content[-EDGE_LINES:])
    drop = {i for i in edge if _may_be_furniture(lines[i]) and _furniture_key(lines[i]) in furniture
            or _is_furniture(lines[i], at_edge=True)}
    bottom = [i for i in content if i not in drop][-1:] if paged else []
    candidates = bottom if paged else content
    drop |= {i for i in candidates if _is_continuation(lines[i].strip())}
    return [line for i, line in enumerate(lines) if i not in drop]


def _is_furniture(line: str, at_edge: bool = False) -> bool:
    """Page numbers, URLs and 'SALINAN' anywhere; bare numbers and banners only at page edges."""
    line = fix_ocr(line.strip())
    if _PAGE_NUMBER.match(line) or _URL_FURNITURE.match(line) or _SALINAN.match(line):
        return True
    return at_edge and bool(_BARE_NUMBER.match(line) or _BANNER.match(line))


def _is_continuation(line: str) -> bool:
    """'Pasal 5 . . .', '2. Sistem …': the next page's first words, printed as a page-bottom cue."""
    return len(line.split()) <= 8 and bool(_CONTINUATION.match(line))


# --- list labels printed apart from their text -----------------------------------------------------

# A list set with hanging labels often comes out of a PDF as the labels' column, then the texts'
# column: "c.\nd.\ne.\nmenunjuk pejabat ...;\nmenetapkan ...;\nmelakukan ...; dan". The items of a
# list end with ";" (the one before the last adds "dan"/"atau"), the last with "." or ":".
# The labels are the drafting's ayat, huruf and angka labels (ingest/legaltext.py).
_ANY_LABEL = rf"(?:{AYAT}|{HURUF}|{ANGKA})"
_BARE_LABEL = re.compile(rf"^{_ANY_LABEL}$")
_LABELLED = re.compile(rf"^(?P<label>{_ANY_LABEL})\s+(?P<text>\S.*)$")
_ITEM_END = re.compile(r";(?:\s+(?:dan/atau|dan|atau))?(?=\s|$)|(?<=[^\W\d_]{2})[.:]$")  # "2.1." ends no item
MAX_LINES_PER_ITEM = 6  # a list item wrapped over more lines than this is not what follows a label column


def _label_key(label: str) -> tuple[str, int]:
    """("ayat", 2) for "(2)", ("huruf", 99) for "c." or "c)", ("angka", 3) for "3.": the next label adds one."""
    value = label.strip("().")
    if label.startswith("("):
        return "ayat", int(value)
    return ("huruf", ord(value)) if value.isalpha() else ("angka", int(value))


def _follows(previous: tuple[str, int], label: str | None) -> bool:
    return label is not None and _label_key(label) == (previous[0], previous[1] + 1)


def _items(text: str) -> list[tuple[str, int]]:
    """The complete list items at the start of `text`, in order, each with where it ends."""
    items, start = [], 0
    for end in _ITEM_END.finditer(text):
        if item := text[start : end.end()].strip():
            items.append((item, end.end()))
        start = end.end()
    return items


def rejoin_label_column(lines: list[str]) -> list[str]:
    """Lines with a run of bare list labels (one or more) given back their texts, in order, when the
    lines after the run hold as many complete items. Anything else is left as it is: a wrong pairing
    would put a provision under another letter, and a label before a slide's word-per-line text
    ("1.\nRingkasan\nEksekutif") completes no item."""
    result: list[str] = []
    i = 0
    while i < len(lines):
        if not _BARE_LABEL.match(lines[i]):
            result.append(lines[i])
            i += 1
            continue
        labels = [lines[i]]
        j = i + 1
        while j < len(lines) and _BARE_LABEL.match(lines[j]) and _follows(_label_key(labels[-1]), lines[j]):
            labels.append(lines[j])
            j += 1
        bare = len(labels)
        texts = []
        labelled = _LABELLED.match(lines[j]) if j < len(lines) else None
        if labelled and _follows(_label_key(labels[-1]), labelled.group("label")):  # "a.\nb.\nc. text; text; text"
            labels.append(labelled.group("label"))
            texts.append(labelled.group("text"))
            j += 1
        items = _items(" ".join(texts))
        while (
            len(items) < len(labels)
            and j < len(lines)
            and len(texts) < MAX_LINES_PER_ITEM * len(labels)
            and not (_BARE_LABEL.match(lines[j]) or _LABELLED.match(lines[j]) or _STRUCTURAL_HEADING.match(lines[j]))
        ):
            texts.append(lines[j])
            j += 1
            items = _items(" ".join(texts))
        if len(items) >= len(labels):
            rest = " ".join(texts)[items[len(labels) - 1][1] :].strip()
            result += [f"{label} {item}" for label, (item, _) in zip(labels, items)] + ([rest] if rest else [])
            i = j
        else:  # the whole run stays as it is: a shorter run inside it would pair the wrong labels
            result += lines[i : i + bare]
            i += bare
    return result
