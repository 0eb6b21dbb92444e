"""Structure trees from cleaned pages: the Pasal.id model for regulations, sections for the rest.

Both parsers accept raw loader pages: they run `clean_pages(..., keep_heading_marks=True)` first
(cleaning is idempotent) so Markdown heading marks survive to tell headings from body text; the
marks never reach node text or labels.

The regulation parser is a line-driven state machine (pembukaan → batang tubuh → penutup →
penjelasan / lampiran). A "Pasal N" line only opens an article when context says it is a heading:
article numbers must move forward, and a line following a mid-sentence word ("dalam", "pada", ",")
or followed by "ayat"/"huruf" is a cross-reference.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingest.cleaning import clean_pages
from ingest.legaltext import ANGKA_LINE, AYAT_LINE, HURUF_LINE, inline_ayat, is_cross_reference, leading_label
from ingest.model import Node, Page

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
MAX_HEADING_LEN = 100
MAX_DECIMAL_HEADING_LEN = 180
MAX_DECIMAL_HEADING_WORDS = 24
MAX_PASAL_JUMP = 20  # a forward jump larger than this on its own line is taken as a cross-reference

# OCR reads "Pasal 21" as "Pasal 2 1" (kerning) and "Pasal" as "Pasai": the split digits join when a
# word, not a list marker ("1."), follows; the sequence check of the parser still decides.
_PASAL_WORD = r"Pasa[li1]"
_SPLIT_NUMBER = r"\d{1,2}\s\d(?![\d.)])"
_PASAL = re.compile(rf"^{_PASAL_WORD}\s+({_SPLIT_NUMBER}|\d{{1,3}}(?:\s?[A-Z])?|[IVXL]+)\b\s*(.*)$")
_BAB = re.compile(r"^BAB\s+([IVXL]+)\b\s*[:.]?\s*(.*)$")
_BAGIAN = re.compile(r"^Bagian\s+(Ke\w+)\b\s*(.*)$", re.I)
_PARAGRAF = re.compile(r"^Paragraf\s+(\d+)\b\s*(.*)$", re.I)
_AYAT_MISREAD = re.compile(r"^\((\d)[1lI|]\s+(.*)$")  # OCR reads "(2)" as "(21" or "(2l": only taken when 2 is due
_MENIMBANG = re.compile(r"^Menimbang\b", re.I)
_MENGINGAT = re.compile(r"^(Mengingat|Memperhatikan)\b", re.I)
_MEMUTUSKAN = re.compile(r"^(M\s?E\s?M\s?U\s?T\s?U\s?S\s?\w*|Menetapkan\b)")
# The closing formula, or "Ditetapkan/Disahkan di <Place>": a wrapped line of an ayat can start with
# "disahkan disampaikan oleh ..." (Peraturan BSSN 8/2024), which must not end the batang tubuh.
_PENUTUP = re.compile(r"^(?:(?i:agar setiap orang mengetahui)|(?i:ditetapkan|disahkan)\s+(?i:di)(?:\s+[A-Z]|\s+pada\b|\s*$))")
_REGISTRATION = re.compile(r"^(TAMBAHAN )?(LEMBARAN|BERITA) (NEGARA|DAERAH)\b.*\bNOMOR\b", re.I)
_PENJELASAN = re.compile(r"^PENJELASAN\b")
_UMUM = re.compile(r"^I\.\s*UMUM\b")
_PASAL_DEMI_PASAL = re.compile(r"^II\.\s*PASAL DEMI PASAL\b", re.I)
_LAMPIRAN = re.compile(r"^LAMPIRAN(\s+[IVX]+\b)?")
_CONNECTIVE_END = re.compile(r"(\b(dalam|pada|dan|atau|dengan|oleh|sampai|terhadap|ketentuan|menurut|atas)|[,(/-])$", re.I)
_REFERENCE_START = re.compile(r"^((ayat|huruf|angka|dan|atau|sampai)\b|[,;])", re.I)
_MD_HEADING = re.compile(r"^(#{1,6}) (.*)$")
_SPLIT_POINTS = re.compile(
    r"\s+(?=(?:PENJELASAN ATAS|I\. UMUM|II\. PASAL DEMI PASAL|Ditetapkan di|Disahkan di|Diundangkan di"
    r"|(?:TAMBAHAN )?LEMBARAN NEGARA REPUBLIK INDONESIA (?:TAHUN|NOMOR)|LAMPIRAN (?:[IVX]+ )?[A-Z]{3,})\b)"
)
_INLINE_HEADING = re.compile(
    r"(?:(?<=[.;:])|(?<=^)|(?<=[A-Z]{2})|(?<=[a-z]{3}(?<!dalam)(?<!pada)(?<!dan)(?<!atau)(?<!dengan)))\s+"
    rf"(?=(?:BAB [IVXL]+ [A-Z]{{3,}}|Bagian Ke[a-z]+ [A-Z]|Paragraf \d+ [A-Z]|{_PASAL_WORD} (?:{_SPLIT_NUMBER}|\d{{1,3}}[A-Z]?) (?:\(1\)|[A-Z][a-z])))"
)


@dataclass
class Line:
    text: str
    page: int | None
    heading_level: int = 0  # Markdown heading depth, 0 for body text


def parse_regulation(pages: list[Page]) -> Node:
    """Pembukaan, batang tubuh (BAB/Bagian/Paragraf/Pasal/ayat/huruf/angka), penutup, penjelasan, lampiran."""
    lines = _regulation_lines(to_lines(pages))
    return _RegulationParser(lines).parse()


def parse_sections(pages: list[Page]) -> Node:
    """Heading-delimited sections for non-regulations (reports, articles, guidelines, circulars)."""
    root = Node(kind="document")
    preface, sections = build_sections(to_lines(pages))
    if preface:
        first = Node(kind="section", label="Pendahuluan")
        _append_lines(first, preface)
        root.children.append(first)
    root.children.extend(sections)
    return _finish(root)


def count_pasal(tree: Node) -> int:
    """Number of Pasal in the batang tubuh (Penjelasan's Pasal nodes excluded)."""
    body = next((child for child in tree.children if child.kind == "batang_tubuh"), None)
    return sum(1 for node in body.walk() if node.kind == "pasal") if body else 0


def batang_tubuh_pasal(tree: Node) -> list[Node]:
    """The Pasal nodes of the batang tubuh, in order."""
    body = next((child for child in tree.children if child.kind == "batang_tubuh"), None)
    return [node for node in body.walk() if node.kind == "pasal"] if body else []


def to_lines(pages: list[Page]) -> list[Line]:
    """Cleaned, non-empty lines tagged with their page and Markdown heading depth."""
    lines = []
    for page in clean_pages(pages, keep_heading_marks=True):
        for raw in page.text.split("\n"):
            match = _MD_HEADING.match(raw)
            text = match.group(2).strip() if match else raw.strip()
            if text:
                lines.append(Line(text, page.number, len(match.group(1)) if match else 0))
    return lines


def _regulation_lines(lines: list[Line]) -> list[Line]:
    """Split run-together lines (text converted without line breaks) before unambiguous headings."""
    result = []
    for line in lines:
        for part in _SPLIT_POINTS.split(line.text):
            for piece in _INLINE_HEADING.split(part):
                if piece.strip():
                    result.append(Line(piece.strip(), line.page, line.heading_level))
    return result


def roman_value(text: str) -> int:
    total = 0
    for char, following in zip(text, text[1:] + " "):
        value = ROMAN[char]
        total += -value if ROMAN.get(following, 0) > value else value
    return total


def _pasal_value(number: str) -> tuple[int, str]:
    """Sort key of an article number: '5A' → (5, 'A'), 'II' → (2, '')."""
    if number[0].isdigit():
        digits = re.match(r"\d+", number).group(0)
        return int(digits), number[len(digits):].strip()
    return roman_value(number), ""


class _RegulationParser:
    """Walks the lines once, keeping the open node at each level of the tree."""

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.root = Node(kind="document")
        self.pembukaan = Node(kind="pembukaan")
        self.body = Node(kind="batang_tubuh")
        self.root.children += [self.pembukaan, self.body]
        self.roman_articles = any(_PASAL.match(line.text) and line.text.strip() == "Pasal II" for line in lines)
        self.state = "pembukaan"
        self.target = self.pembukaan  # node receiving plain text lines
        self.container = self.body  # node receiving the next Pasal (batang tubuh, BAB, Bagian, Paragraf)
        self.bab = self.bagian = self.pasal = None
        self.last_pasal: tuple[int, str] | None = None  # printed or inferred: numbers the next inferred Pasal
        self.last_printed: tuple[int, str] | None = None  # printed headings only: decides what is a heading
        self.items: list[Node] = []  # open ayat/huruf/angka chain inside the current Pasal
        self.penjelasan = self.penjelasan_pasal = None
        self.lampiran = None
        self.lampiran_lines: list[tuple[Node, list[Line]]] = []

    def parse(self) -> Node:
        index = 0
        while index < len(self.lines):
            index = self._step(index)
        self._close_pasal()
        for node, lines in self.lampiran_lines:
            preface, sections = build_sections(lines)
            _append_lines(node, preface)
            node.children.extend(sections)
        if not self.roman_articles:
            check_numbering(self.root)
        return _finish(self.root)

    def _step(self, i: int) -> int:
        line = self.lines[i]
        text = line.text
        if self.state in ("penutup", "penjelasan", "lampiran", "after_penutup") and _LAMPIRAN.match(text):
            return self._open_lampiran(i)
        if self.state == "lampiran":
            self.lampiran_lines[-1][1].append(line)
            return i + 1
        if self.state in ("penutup", "after_penutup") and _PENJELASAN.match(text):
            return self._open_penjelasan(i)
        if self.state == "penjelasan":
            return self._penjelasan_line(i)
        if self.state == "after_penutup":
            self._open_lampiran_node("LAMPIRAN", line)
            return i
        if self.state == "penutup":
            _add_text(self.target, line)
            if _REGISTRATION.match(text):
                self.state = "after_penutup"
            return i + 1
        if _PENUTUP.match(text) and self.pasal is not None:
            self._close_pasal()
            self.state = "penutup"
            self.target = Node(kind="penutup")
            self.root.children.append(self.target)
            return self._step(i)
        if self.state == "pembukaan" and self._pembukaan_line(i):
            return i + 1
        return self._body_line(i)

    # --- pembukaan -------------------------------------------------------------------------------

    def _pembukaan_line(self, i: int) -> bool:
        """Route title block, Menimbang, Mengingat and Menetapkan; False once the body starts."""
        line = self.lines[i]
        if _BAB.match(line.text) or self._accept_pasal(i, line):
            self.state = "body"
            return False
        if _MENIMBANG.match(line.text) or _MENGINGAT.match(line.text):
            kind = "menimbang" if _MENIMBANG.match(line.text) else "mengingat"
            self.target = Node(kind=kind, label=line.text.split()[0].rstrip(":"))
            self.pembukaan.children.append(self.target)
        elif _MEMUTUSKAN.match(line.text):
            self.target = self.pembukaan
        _add_text(self.target, line)
        return True

    # --- batang tubuh ----------------------------------------------------------------------------

    def _body_line(self, i: int) -> int:
        line = self.lines[i]
        text = line.text
        if match := _BAB.match(text):
            return self._open_heading(i, "bab", f"BAB {match.group(1)}", match.group(1), match.group(2), caps_title=True)
        if match := _BAGIAN.match(text):
            return self._open_heading(i, "bagian", f"Bagian {match.group(1)}", match.group(1), match.group(2))
        if match := _PARAGRAF.match(text):
            return self._open_heading(i, "paragraf", f"Paragraf {match.group(1)}", match.group(1), match.group(2))
        if self._accept_pasal(i, line):
            return self._open_pasal(i)
        if self.pasal is not None and not self.roman_articles and self._item_line(line):
            return i + 1
        if self.pasal is None and self.last_pasal and not self.roman_articles and AYAT_LINE.match(text):
            if AYAT_LINE.match(text).group(1) == "1":  # "(1)" right under a Bagian/Paragraf: its Pasal heading is lost
                self._infer_pasal(line)
                return i + 1
        if self._opens_lost_pasal(text):
            self._infer_pasal(line)
            return i + 1
        _add_text(self.items[-1] if self.items else (self.pasal or self.container), line)
        return i + 1

    def _open_heading(self, i: int, kind: str, label: str, number: str, title: str, caps_title: bool = False) -> int:
        self._close_pasal()
        node = Node(kind=kind, label=label, number=number, title=title.strip() or None)
        _touch(node, self.lines[i])
        i += 1
        while node.title is None or caps_title:
            if i >= len(self.lines) or not self._is_title_line(self.lines[i].text, caps_title):
                break
            node.title = f"{node.title} {self.lines[i].text}" if node.title else self.lines[i].text
            _touch(node, self.lines[i])
            i += 1
        parent = {"bab": self.body, "bagian": self.bab or self.body, "paragraf": self.bagian or self.bab or self.body}[kind]
        parent.children.append(node)
        if kind == "bab":
            self.bab, self.bagian = node, None
        elif kind == "bagian":
            self.bagian = node
        self.container = node
        self.pasal, self.items = None, []
        return i

    def _is_title_line(self, text: str, caps: bool) -> bool:
        if len(text) > MAX_HEADING_LEN or _is_structural(text):
            return False
        letters = [c for c in text if c.isalpha()]
        if caps:
            return bool(letters) and all(c.isupper() for c in letters)
        return not text.endswith((".", ";", ",")) and text[0].isupper()

    def _accept_pasal(self, i: int, line: Line) -> bool:
        """A 'Pasal N' line is a heading unless context marks it as a cross-reference."""
        match = _PASAL.match(line.text)
        if not match:
            return False
        number, rest = match.group(1).replace(" ", ""), match.group(2)
        is_roman = not number[0].isdigit()
        if is_roman != self.roman_articles and number != "I":  # a lone "Pasal I" may be OCR for "Pasal 1"
            return False
        if rest and not re.fullmatch(r"[\s:.\-]*", rest) and not (rest.startswith("(1)") or rest[0].isupper()):
            return False
        if rest and _REFERENCE_START.match(rest):
            return False
        if i > 0 and _CONNECTIVE_END.search(self.lines[i - 1].text):
            return False
        if i + 1 < len(self.lines) and not rest and _REFERENCE_START.match(self.lines[i + 1].text):
            return False
        value = _pasal_value(number)
        if self.last_printed is None:
            return value[0] <= 2 or self.state == "body"
        if value <= self.last_printed:
            return False
        jump = value[0] - self.last_printed[0]
        return jump <= (1 if rest and rest[0].isalpha() and not rest.startswith(("(", ":")) else MAX_PASAL_JUMP)

    def _open_pasal(self, i: int) -> int:
        line = self.lines[i]
        match = _PASAL.match(line.text)
        self._close_pasal()
        number, rest = match.group(1).replace(" ", ""), match.group(2).strip(" :.-")
        self.last_pasal = self.last_printed = _pasal_value(number)
        self.pasal = Node(kind="pasal", label=f"Pasal {number}", number=number)
        _touch(self.pasal, line)
        self.container.children.append(self.pasal)
        self.items = []
        self.state = "body"
        if rest:
            self.lines[i] = Line(rest, line.page)
            return i
        return i + 1

    def _item_line(self, line: Line) -> bool:
        """Attach an ayat/huruf/angka line where its number continues a sequence; False if it fits none
        or if its label is a cross-reference the line before wrapped ("... pada ayat\n(1) ...")."""
        label = leading_label(line.text)
        if label and is_cross_reference((self.items[-1] if self.items else self.pasal).text or "", label[0]):
            return False
        ayat = [c for c in self.pasal.children if c.kind == "ayat"]
        expected = int(ayat[-1].number) + 1 if ayat else 1
        misread = _AYAT_MISREAD.match(line.text)
        if misread and int(misread.group(1)) == expected and ayat:
            line = Line(f"({expected}) {misread.group(2)}", line.page, line.heading_level)
        if match := AYAT_LINE.match(line.text):
            plain_inferred = self.pasal.inferred and self.pasal.text and not ayat  # its text is all it has
            number = int(match.group(1))
            if ayat and expected < number and self._split_inline_ayat(expected, number - 1):
                expected = number  # the ayat in between were run into the text before this line
            if number == expected and not plain_inferred:
                node = Node(kind="ayat", label=f"({match.group(1)})", number=match.group(1))
                _add_text(node, Line(match.group(2), line.page))
                _touch(node, line)
                self.pasal.children.append(node)
                self.items = [node]
                return True
            # A restart, or a first ayat after a plain-text inferred Pasal (a Pasal's text is its ayat or none of them).
            if match.group(1) == "1" and (ayat or plain_inferred):
                self._infer_pasal(line)
                return True
            return False
        for kind, pattern, first in (("huruf", HURUF_LINE, "a"), ("angka", ANGKA_LINE, "1")):
            if match := pattern.match(line.text):
                if self._attach_list_item(kind, match.group(1), match.group(2), line, first):
                    return True
        return False

    def _split_inline_ayat(self, first: int, last: int | None = None) -> bool:
        """Ayat labels a converter ran into the text of the last open item become ayat of the Pasal."""
        source = self.items[-1] if self.items else None
        cut = inline_ayat(source.text, first, last) if source else None
        if cut is None:
            return False
        source.text = cut[0]
        for number, text in cut[1]:
            node = Node(kind="ayat", label=f"({number})", number=number, text=text, page_start=source.page_start, page_end=source.page_end)
            self.pasal.children.append(node)
        self.items = [self.pasal.children[-1]]
        return True

    def _close_pasal(self) -> None:
        """Before the next Pasal, heading or penutup: ayat left inside the last item's text continue the numbering."""
        ayat = [child for child in self.pasal.children if child.kind == "ayat"] if self.pasal else []
        if ayat and not self.roman_articles:
            self._split_inline_ayat(int(ayat[-1].number) + 1)

    def _opens_lost_pasal(self, text: str) -> bool:
        """A plain sentence where no Pasal text can continue starts a Pasal whose heading was lost:
        right under a Bagian/Paragraf heading (drafting always puts a Pasal there), or after a Pasal's
        last ayat ended with a full stop (a Pasal with ayat holds no text outside them). A wrong guess
        is undone by `check_numbering` unless the printed numbering has a gap for it."""
        if self.roman_articles or not self.last_pasal:
            return False
        if self.pasal is None:
            placed = self.container.kind in ("bagian", "paragraf") and not self.container.text
        else:
            placed = bool(self.items) and self.items[-1].text.rstrip().endswith(".")
            placed = placed and any(child.kind == "ayat" for child in self.pasal.children)
        return placed and _sentence_like(text) and not _is_structural(text)

    def _infer_pasal(self, line: Line) -> None:
        """Ayat numbering restarting at (1), or a sentence `_opens_lost_pasal` places, means a new Pasal
        whose heading the source lost.

        Its number is the next in sequence; `check_numbering` later confirms it against the next
        printed heading, and the citation says the number was inferred.
        """
        self._close_pasal()
        number = str(self.last_pasal[0] + 1)
        self.last_pasal = (int(number), "")
        self.pasal = Node(kind="pasal", label=f"Pasal {number}", number=number, inferred=True)
        _touch(self.pasal, line)
        self.container.children.append(self.pasal)
        self.items = []
        if not self._item_line(line):
            _add_text(self.pasal, line)

    def _attach_list_item(self, kind: str, number: str, body: str, line: Line, first: str) -> bool:
        node = Node(kind=kind, label=f"{number}.", number=number)
        _add_text(node, Line(body, line.page))
        _touch(node, line)
        for depth in range(len(self.items) - 1, -1, -1):
            sibling = self.items[depth]
            if sibling.kind == kind and _next_marker(sibling.number) == number:
                parent = self.items[depth - 1] if depth > 0 else self.pasal
                parent.children.append(node)
                self.items = self.items[:depth] + [node]
                return True
        if number != first:
            return False
        parent = self.items[-1] if self.items else self.pasal
        parent.children.append(node)
        self.items.append(node)
        return True

    # --- penjelasan and lampiran -----------------------------------------------------------------

    def _open_penjelasan(self, i: int) -> int:
        self.penjelasan = Node(kind="penjelasan", label="PENJELASAN")
        _add_text(self.penjelasan, self.lines[i])
        self.root.children.append(self.penjelasan)
        self.state, self.target = "penjelasan", self.penjelasan
        self.last_pasal = None
        return i + 1

    def _penjelasan_line(self, i: int) -> int:
        line = self.lines[i]
        text = line.text
        if _UMUM.match(text):
            self.target = Node(kind="penjelasan_umum", label="I. UMUM")
            self.penjelasan.children.append(self.target)
            _touch(self.target, line)
            return i + 1
        if _PASAL_DEMI_PASAL.match(text):
            self._open_penjelasan_pasal(line)
            return i + 1
        match = _PASAL.match(text)
        if match and (self.penjelasan_pasal or match.group(1) == "1") and self._penjelasan_pasal_heading(i, match):
            if self.penjelasan_pasal is None:
                self._open_penjelasan_pasal(line)
            number = match.group(1).replace(" ", "")
            self.last_pasal = _pasal_value(number)
            self.target = Node(kind="pasal", label=f"Pasal {number}", number=number)
            _touch(self.target, line)
            self.penjelasan_pasal.children.append(self.target)
            if match.group(2).strip(" :.-"):
                self.lines[i] = Line(match.group(2).strip(" :.-"), line.page)
                return i
            return i + 1
        _add_text(self.target, line)
        if _REGISTRATION.match(text):
            self.state = "after_penutup"
        return i + 1

    def _open_penjelasan_pasal(self, line: Line) -> None:
        self.penjelasan_pasal = Node(kind="penjelasan_pasal", label="II. PASAL DEMI PASAL")
        _touch(self.penjelasan_pasal, line)
        self.penjelasan.children.append(self.penjelasan_pasal)
        self.target = self.penjelasan_pasal

    def _penjelasan_pasal_heading(self, i: int, match: re.Match) -> bool:
        if i > 0 and _CONNECTIVE_END.search(self.lines[i - 1].text):
            return False
        rest = match.group(2)
        if rest and (_REFERENCE_START.match(rest) or not (rest[0].isupper() or rest.startswith("("))):
            return False
        value = _pasal_value(match.group(1).replace(" ", ""))
        return self.last_pasal is None or value > self.last_pasal

    def _open_lampiran(self, i: int) -> int:
        label = _LAMPIRAN.match(self.lines[i].text).group(0).strip()
        if self.lampiran is not None and self.lampiran.label == label:
            self.lampiran_lines[-1][1].append(self.lines[i])
            return i + 1
        self._open_lampiran_node(label, self.lines[i])
        self.lampiran_lines[-1][1].append(self.lines[i])
        return i + 1

    def _open_lampiran_node(self, label: str, line: Line) -> None:
        self.lampiran = Node(kind="lampiran", label=label, number=label.partition(" ")[2] or None)
        _touch(self.lampiran, line)
        self.root.children.append(self.lampiran)
        self.lampiran_lines.append((self.lampiran, []))
        self.state = "lampiran"


def check_numbering(tree: Node) -> None:
    """Mark where Pasal headings are missing, so no passage is cited under a number it may not have.

    Between two printed headings A and B, B - A - 1 headings are missing. When exactly that many
    Pasal were inferred from restarting ayat, the inferred numbers stand. When fewer, the missing
    Pasal's text lies somewhere in A or in the inferred ones: all of them get `missing_after`. When
    more, the inference was wrong (ayat restarting inside one Pasal) and is undone.
    """
    pasal_nodes = batang_tubuh_pasal(tree)
    printed = [i for i, node in enumerate(pasal_nodes) if not node.inferred]
    for start, end in zip(printed, [*printed[1:], None]):
        first = pasal_nodes[start]
        inferred = pasal_nodes[start + 1 : end]
        if end is None:
            continue  # after the last printed heading nothing bounds the count: inferred numbers stand
        low, high = _pasal_value(first.number)[0], _pasal_value(pasal_nodes[end].number)[0]
        missing = high - low - 1
        if len(inferred) > missing:
            # Plain-text inferences (no ayat) are the weaker signal: they go back first.
            plain = [node for node in inferred if not node.children]
            undone = plain if len(inferred) - len(plain) <= missing else inferred
            for node in undone:
                _fold_back(tree, first, node)
            inferred = [node for node in inferred if node not in undone]
            for number, node in enumerate(inferred, start=low + 1):  # the numbers they keep follow the printed one
                node.number, node.label = str(number), f"Pasal {number}"
            if len(inferred) < missing:
                _mark_missing(first, inferred, low, high)
        elif len(inferred) < missing:
            _mark_missing(first, inferred, low, high)


def _mark_missing(first: Node, inferred: list[Node], low: int, high: int) -> None:
    """Pasal low+1 … high-1 lack a heading: their text may sit in `first` or in any inferred Pasal."""
    span = str(low + 1) if high - low == 2 else f"{low + 1}–{high - 1}"
    for node in [first, *inferred]:
        node.missing_after = span


def _sentence_like(text: str) -> bool:
    """A line opening a provision, not a wrapped heading, a page header or an OCR fragment: several
    words, capitalised first, most of the rest not (titles capitalise every word)."""
    words = re.findall(r"[A-Za-z]+", text)
    if len(words) < 4 or not text[:1].isupper():
        return False
    return sum(word[0].isupper() for word in words[1:]) < len(words[1:]) / 2


def _fold_back(tree: Node, previous: Node, node: Node) -> None:
    """Undo a wrongly inferred Pasal: its text goes back where the parser would have put it (the
    Bagian/Paragraf it opens, else the end of the previous Pasal), its ayat back to the previous Pasal."""
    parent = next(p for p in tree.walk() if any(child is node for child in p.children))
    if node.text:
        if parent.kind in ("bagian", "paragraf") and parent.children[0] is node:
            parent.text = f"{parent.text}\n{node.text}" if parent.text else node.text
        else:
            tail = previous
            while tail.children:
                tail = tail.children[-1]
            tail.text = f"{tail.text}\n{node.text}" if tail.text else node.text
    previous.children.extend(node.children)
    _touch(previous, Line("", node.page_end))
    _detach(tree, node)


def _detach(tree: Node, node: Node) -> None:
    for parent in tree.walk():
        if any(child is node for child in parent.children):
            parent.children = [child for child in parent.children if child is not node]
            return


def _is_structural(text: str) -> bool:
    return bool(_PASAL.match(text) or _BAB.match(text) or _BAGIAN.match(text) or _PARAGRAF.match(text)
                or AYAT_LINE.match(text) or HURUF_LINE.match(text) or ANGKA_LINE.match(text))


def _next_marker(number: str) -> str:
    return str(int(number) + 1) if number.isdigit() else chr(ord(number) + 1)


# --- sections ------------------------------------------------------------------------------------

_SECTION_PATTERNS = (
    ("bab", re.compile(r"^BAB\s+[IVXL]+\b")),
    ("roman", re.compile(r"^[IVX]+\.\s+\S")),
    ("alpha", re.compile(r"^[A-Z]\.\s+[A-Z0-9]")),
    ("num3", re.compile(r"^\d+\.\d+\.\d+\.?\s+\S")),
    ("num2", re.compile(r"^\d+\.\d+\.?\s+\S")),
    ("num1", re.compile(r"^\d+\.\s+[A-Z]")),
)
_TOP_LEVEL_KINDS = ("bab", "roman")  # chapter headings never nest under a title or caps line
# Front matter and back matter (a table of contents, a foreword, a bibliography) hold no section of the
# body: the heading after them never nests under them.
_FRONT_MATTER = re.compile(
    r"^(?:DAFTAR\s+(?:ISI|TABEL|GAMBAR|LAMPIRAN|SINGKATAN|ISTILAH|PUSTAKA)|KATA\s+PENGANTAR|LEMBAR\s+PENGESAHAN)\b", re.IGNORECASE
)
_PAGE_NUMBER_END = re.compile(r"\s(?:\d{1,4}|[ivxlc]{1,6})$")
# An ALL-CAPS line printed this often is a table's value ("DINKES" in the column of the responsible
# office) or a running header, not a heading.
MAX_CAPS_HEADING_REPEATS = 2
_DOT_LEADER = re.compile(r"(\.\s?){4,}|…{2,}")


def build_sections(lines: list[Line]) -> tuple[list[Line], list[Node]]:
    """Lines before the first heading, and the section tree nested by heading type."""
    preface: list[Line] = []
    roots: list[Node] = []
    stack: list[tuple[str, Node]] = []
    repeated = {text for text, count in Counter(line.text for line in lines).items() if count > MAX_CAPS_HEADING_REPEATS}
    i = 0
    while i < len(lines):
        kind = _heading_kind(lines, i)
        in_front_matter = bool(stack) and bool(_FRONT_MATTER.match(stack[0][1].label))
        if kind == "caps" and lines[i].text in repeated:
            kind = None
        elif kind and in_front_matter and _PAGE_NUMBER_END.search(lines[i].text):
            kind = None  # "2. Pendahuluan 4": an entry of the table of contents, not the chapter
        if kind is None:
            _add_text(stack[-1][1], lines[i]) if stack else preface.append(lines[i])
            i += 1
            continue
        node = Node(kind="section", label=lines[i].text)
        _touch(node, lines[i])
        i += 1
        while i < len(lines) and _continues_heading(kind, node, lines[i]):
            node.label = f"{node.label} {lines[i].text}"
            _touch(node, lines[i])
            i += 1
        if kind in _TOP_LEVEL_KINDS or in_front_matter:
            stack.clear()
        while stack and kind in [k for k, _ in stack] and stack[-1][0] != kind:
            stack.pop()
        if stack and stack[-1][0] == kind:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(node)
        stack.append((kind, node))
    return preface, roots


def _heading_kind(lines: list[Line], i: int) -> str | None:
    """Heading type of line i, or None for body text; short, unpunctuated and followed by body."""
    line = lines[i]
    text = line.text
    kind = next((name for name, pattern in _SECTION_PATTERNS if pattern.match(text)), None)
    # Decimal numbering ("3.2 Faktor Pendukung dan Penghambat ...") is never a list item, so research
    # and report headings of that form may run longer than other headings.
    limit = MAX_DECIMAL_HEADING_LEN if kind in ("num2", "num3") else MAX_HEADING_LEN
    if len(text) > limit or text.startswith("|") or _DOT_LEADER.search(text):
        return None
    if text.endswith((".", ",", ";")):
        return None
    if kind is None and line.heading_level:
        kind = f"md{line.heading_level}"
    if kind is None and _is_caps_heading(text):
        kind = "caps"
    if kind is None or i + 1 >= len(lines):
        return None
    following = lines[i + 1]
    if kind in ("num1", "alpha", "num2", "num3") and not following.heading_level:
        same = next((name for name, pattern in _SECTION_PATTERNS if pattern.match(following.text)), None)
        too_long = len(text.split()) > (MAX_DECIMAL_HEADING_WORDS if kind in ("num2", "num3") else 8)
        if same == kind or too_long or following.text[0].islower():
            return None
    return kind


def _is_caps_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 6 and all(c.isupper() for c in letters) and len(text.split()) <= 12


def _continues_heading(kind: str, node: Node, line: Line) -> bool:
    """'BAB I' followed by its title line, or an ALL-CAPS title wrapped over two lines."""
    if len(node.label) + len(line.text) > MAX_HEADING_LEN or not _is_caps_heading(line.text):
        return False
    if any(pattern.match(line.text) for _, pattern in _SECTION_PATTERNS):
        return False
    return kind == "caps" or kind == "bab" and bool(re.fullmatch(r"BAB\s+[IVXL]+", node.label))


# --- shared node helpers -------------------------------------------------------------------------

def _touch(node: Node, line: Line) -> None:
    """Widen the node's page span to include the line's page."""
    if line.page is None:
        return
    node.page_start = line.page if node.page_start is None else min(node.page_start, line.page)
    node.page_end = line.page if node.page_end is None else max(node.page_end, line.page)


def _add_text(node: Node, line: Line) -> None:
    if line.text:
        node.text = f"{node.text}\n{line.text}" if node.text else line.text
    _touch(node, line)


def _append_lines(node: Node, lines: list[Line]) -> None:
    for line in lines:
        _add_text(node, line)


def _finish(node: Node) -> Node:
    """Propagate page spans upward so every node covers its descendants."""
    for child in node.children:
        _finish(child)
        if child.page_start is not None:
            node.page_start = child.page_start if node.page_start is None else min(node.page_start, child.page_start)
            node.page_end = child.page_end if node.page_end is None else max(node.page_end, child.page_end)
    return node
