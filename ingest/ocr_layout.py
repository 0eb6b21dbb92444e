"""Table cells from a scanned page: Tesseract's word boxes placed into the cells its ruling lines draw.

Tesseract's running text reads a ruled table line by line across all columns, so an SOP's
"Kegiatan", "Waktu" and "Output" end up interleaved. The word boxes (its TSV output) keep the
geometry: the page's ruling lines give the cells, each word goes to the cell holding its centre,
and the table is written out as Markdown rows, which the chunker and the SOP parser read like any
other table. Flowchart shapes in an SOP's swimlane columns hold no words; a cell with ink but no
words is written as `INK_MARK`, so the lane of the actor who does a step can be read from the table.

Everything but `ruling_segments` and `ink_share` (which read the image) is a pure function of
boxes, so the geometry is tested with boxes written by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .tables import is_column_numbering, to_pipe_lines

INK_MARK = "■"  # a cell with a drawn shape and no text: an SOP swimlane step
DARK = 128  # grey level below which a pixel is ink
RULING_DARK = 200  # rulings of a scanned form are often printed or scanned light grey (140-190)
MIN_RULING_SHARE = 0.02  # a dark run at least this share of the page side may be a ruling line
LONG_RULING_SHARE = 0.15  # horizontal rulings this long anchor the vertical ones (table borders, row lines)
JOIN_PX = 12  # ruling pieces this close across the line (thickness, skew) are one line
GAP_PX = 40  # ... and this close along it (a faded scan breaks a line where it meets another)
BAND_END_PX = 8  # a ruling reaches the line it ends on; a flowchart box stops short of the row line
END_PX = 24  # a ruling ending this close to another ends on it (2 mm at 300 dpi: scans are ragged)
ERASE_PX = 4  # width of the grey fringe painted over with a line before Tesseract reads the page
MIN_PROCEDURE_COLUMNS = 5  # No, Kegiatan, a lane, and the Mutu Baku columns; an identity page's rows are narrower
MIN_INK_SHARE = 0.01  # share of dark pixels that makes a word-less cell "drawn in"
FIT_SAMPLES = 16  # points along a ruling at which the middle of its thickness is measured


@dataclass(frozen=True)
class Word:
    text: str
    left: int
    top: int
    right: int
    bottom: int
    line_key: tuple[int, int, int] = (0, 0, 0)  # Tesseract's (block, paragraph, line): its reading order

    @property
    def center(self) -> tuple[float, float]:
        return (self.left + self.right) / 2, (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Segment:
    """A ruling line: `position` across it (y of a horizontal line) at its middle, `start`-`end` along
    it, and `drift`, how much further across its `end` lies than its `start` (a skewed or bowed scan)."""

    position: int
    start: int
    end: int
    drift: int = 0

    def touches(self, point: int, tolerance: int = END_PX) -> bool:
        return self.start - tolerance <= point <= self.end + tolerance

    def position_at(self, point: int) -> float:
        """Where the line lies across at `point` along it (beyond its ends: where its end lies)."""
        if self.end == self.start:
            return self.position
        share = min(max((point - self.start) / (self.end - self.start), 0.0), 1.0)
        return self.position + self.drift * (share - 0.5)


@dataclass
class Cell:
    left: int
    top: int
    right: int
    bottom: int
    words: list[Word] = field(default_factory=list)
    ink: bool = False

    def contains(self, x: float, y: float) -> bool:
        return self.left <= x <= self.right and self.top <= y <= self.bottom

    @property
    def text(self) -> str:
        return " ".join(" ".join(w.text for w in line) for line in visual_lines(self.words))


def words_from_tsv(tsv: str) -> list[Word]:
    """Tesseract's TSV (`image_to_data`) as words in its reading order; empty and non-word rows dropped."""
    words = []
    lines = tsv.splitlines()
    header = lines[0].split("\t") if lines else []
    for row in lines[1:]:
        values = dict(zip(header, row.split("\t")))
        text = values.get("text", "").strip()
        if values.get("level") != "5" or not text:
            continue
        left, top = int(values["left"]), int(values["top"])
        key = (int(values["block_num"]), int(values["par_num"]), int(values["line_num"]))
        words.append(Word(text, left, top, left + int(values["width"]), top + int(values["height"]), key))
    return words


def visual_lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped into printed lines (vertical centres within half a word height), top to bottom, left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.center[1]):
        height = word.bottom - word.top
        if lines and abs(lines[-1][-1].center[1] - word.center[1]) <= height / 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.left) for line in lines]


def merge_segments(pieces: list[Segment], tolerance: int = JOIN_PX, gap: int = GAP_PX) -> list[Segment]:
    """Pieces of one ruling joined: a thick line is several pixel rows, and a faded one breaks where it
    meets another line. Pieces join when they lie within `tolerance` across the line and overlap or
    nearly meet along it, and so do their neighbours' neighbours: a skewed or bowed scan drifts a
    ruling across dozens of pixel rows from end to end, further than `tolerance`, and only pieces
    side by side are close. The joined line's position and drift are fitted to its pieces' (`_fitted`)."""
    ordered = sorted(pieces, key=lambda s: s.position)
    links = []
    for i, piece in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            other = ordered[j]
            if other.position - piece.position > tolerance:
                break
            if other.start <= piece.end + gap and piece.start <= other.end + gap:
                links.append((i, j))
    lines = [_fitted([ordered[i] for i in members]) for members in _groups(range(len(ordered)), links)]
    return sorted(lines, key=lambda s: (s.position, s.start))


def _fitted(pieces: list[Segment]) -> Segment:
    """One line through `pieces` (pixel rows of one ruling): the straight line that best fits (least
    squares) the middle of its thickness, sampled at `FIT_SAMPLES` points along it, as its position
    at the middle of its span and its drift from end to end."""
    start, end = min(s.start for s in pieces), max(s.end for s in pieces)
    samples = []
    for k in range(FIT_SAMPLES):
        along = start + (end - start) * (k + 0.5) / FIT_SAMPLES
        across = [s.position for s in pieces if s.start <= along <= s.end]
        if across:
            samples.append((along, sum(across) / len(across)))
    if not samples:  # pieces too short to meet a sample point
        samples = [((s.start + s.end) / 2, s.position) for s in pieces]
    mean_along = sum(a for a, _ in samples) / len(samples)
    mean_across = sum(c for _, c in samples) / len(samples)
    spread = sum((a - mean_along) ** 2 for a, _ in samples)
    slope = sum((a - mean_along) * (c - mean_across) for a, c in samples) / spread if spread else 0.0
    position = mean_across + slope * ((start + end) / 2 - mean_along)
    return Segment(round(position), start, end, round(slope * (end - start)))


def _groups(keys, links) -> list[list]:
    """The connected groups of `keys` when each pair in `links` is joined (union-find), each in key order."""
    parent = {key: key for key in keys}

    def root(key):
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for a, b in links:
        parent[root(b)] = root(a)
    groups: dict = {}
    for key in parent:
        groups.setdefault(root(key), []).append(key)
    return list(groups.values())


def table_rulings(horizontal: list[Segment], vertical: list[Segment], page_width: int) -> tuple[list[Segment], list[Segment]]:
    """The ruling lines of tables, without flowchart shapes and connector arrows.

    A table's vertical ruling spans at least one whole row band (from one long horizontal line to
    the next), and a horizontal ruling spans at least one whole column band between two of those
    verticals. A flowchart shape or an arrow between neighbouring cells lies inside its band.
    """
    long_rows = [h for h in horizontal if h.end - h.start >= LONG_RULING_SHARE * page_width]
    columns = [v for v in vertical if _spans_band(v, long_rows)]
    rows = [h for h in horizontal if _spans_band(h, columns)]
    return rows, columns


def _spans_band(line: Segment, across: list[Segment]) -> bool:
    """`line` runs from one of the `across` lines it meets to another one."""
    met = [other for other in across if other.touches(line.position)]
    inside = [other for other in met if line.start - BAND_END_PX <= other.position_at(line.position) <= line.end + BAND_END_PX]
    return len(_positions(inside)) >= 2  # two pieces of one skewed line are one line


def _positions(segments: list[Segment]) -> list[int]:
    values: list[int] = []
    for position in sorted(s.position for s in segments):
        if not values or position - values[-1] > JOIN_PX:
            values.append(position)
    return values


def _ruled(lines: list[Segment], position: int, start: int, end: int) -> bool:
    """Some ruling at `position` covers most of the span `start`-`end`."""
    need = 0.6 * (end - start)
    return any(abs(s.position - position) <= JOIN_PX and min(s.end, end) - max(s.start, start) >= need for s in lines)


def grid_cells(rows: list[Segment], columns: list[Segment]) -> list[Cell]:
    """The cells the rulings enclose: the grid of all ruling positions, neighbours merged where no ruling parts them."""
    ys, xs = _positions(rows), _positions(columns)
    if len(ys) < 2 or len(xs) < 2:
        return []
    units = [(r, c) for r in range(len(ys) - 1) for c in range(len(xs) - 1)]
    links = []
    for r, c in units:
        if c + 1 < len(xs) - 1 and not _ruled(columns, xs[c + 1], ys[r], ys[r + 1]):
            links.append(((r, c), (r, c + 1)))
        if r + 1 < len(ys) - 1 and not _ruled(rows, ys[r + 1], xs[c], xs[c + 1]):
            links.append(((r, c), (r + 1, c)))
    cells = []
    for members in _groups(units, links):
        top, left = min(r for r, _ in members), min(c for _, c in members)
        bottom, right = max(r for r, _ in members) + 1, max(c for _, c in members) + 1
        if len(members) == (bottom - top) * (right - left):  # the open space around a table is no cell
            cells.append(Cell(xs[left], ys[top], xs[right], ys[bottom]))
    return sorted(cells, key=lambda cell: (cell.top, cell.left))


def fill_cells(cells: list[Cell], words: list[Word]) -> list[Word]:
    """Put each word into the cell holding its centre; the words outside every cell are returned."""
    outside = []
    for word in words:
        cell = next((cell for cell in cells if cell.contains(*word.center)), None)
        (cell.words if cell else outside).append(word)
    return outside


def table_rows(cells: list[Cell]) -> list[list[Cell]]:
    """Cells grouped into rows by their top ruling, each row left to right."""
    rows: list[list[Cell]] = []
    for cell in sorted(cells, key=lambda c: (c.top, c.left)):
        if rows and abs(rows[-1][0].top - cell.top) <= JOIN_PX:
            rows[-1].append(cell)
        else:
            rows.append([cell])
    return rows


def _cell_text(cell: Cell, marks: bool = True) -> str:
    """The cell's words; a drawn shape is marked in a procedure table (`marks`), elsewhere only in an empty cell."""
    text = cell.text.replace("|", "/")
    return f"{INK_MARK} {text}".strip() if cell.ink and (marks or not text) else text


_DIGIT_LOOKALIKES = str.maketrans("|lI!iOo", "1111100")


def step_number(text: str) -> str | None:
    """A step number as Tesseract reads a lone one ('1.', '|' for 1, 'O' for 0), or None."""
    number = text.strip(" .").translate(_DIGIT_LOOKALIKES)
    return number if number.isdigit() and len(number) <= 3 else None


def _is_step_row(row: list[Cell]) -> bool:
    """A numbered row, or one whose first cell has no words and which has a drawn swimlane shape
    (Tesseract often misses a lone digit)."""
    drawn = len(row) >= MIN_PROCEDURE_COLUMNS and not row[0].words and any(cell.ink for cell in row[1:])
    return step_number(row[0].text) is not None or drawn


def table_markdown(cells: list[Cell]) -> list[str]:
    """A table as Markdown lines.

    A table of numbered rows (a procedure) gets one column per narrowest cell, named by the header
    cells above it ("Pelaksana Pengadu", "Mutu Baku Waktu"), so every step row reads with its header;
    a step whose number Tesseract missed follows the step above. A row without words (a piece of a
    step an arrow cut off) and a banner across the table (`_is_banner`) get no number. Any other table (an SOP
    identity page) is written row by row, each cell once.
    """
    rows = [row for row in table_rows(cells) if not is_column_numbering([cell.text for cell in row])]
    first_step = next((i for i, row in enumerate(rows) if _is_step_row(row)), None)
    if first_step is None or first_step == 0:
        return ["| " + " | ".join(_cell_text(c, marks=False) for c in row) + " |" for row in rows]
    edges = sorted({c.left for c in cells} | {c.right for c in cells})
    spans = [(a, b) for a, b in zip(edges, edges[1:]) if any(c.left <= a and b <= c.right for c in cells)]
    banners_above = [row for row in rows[:first_step] if _is_banner(row, spans)]
    header_cells = [c for row in rows[:first_step] if row not in banners_above for c in row]
    names = []
    for left, right in spans:
        above = [c for c in header_cells if c.left <= left and right <= c.right and c.text]
        names.append(" ".join(c.text for c in sorted(above, key=lambda c: c.top)) or "-")
    body = []
    previous = 0
    for row in banners_above + rows[first_step:]:
        values = []
        for left, right in spans:
            cell = next((c for c in row if c.left <= left and right <= c.right), None)
            values.append(_cell_text(cell) if cell and cell.left == left else "")
        number = step_number(row[0].text)
        if number is None and any(cell.words for cell in row) and not _is_banner(row, spans):
            number = str(previous + 1)
        if number is not None:
            values[0] = number
            previous = int(number)
        body.append(values)
    return to_pipe_lines(names, body)


def _is_banner(row: list[Cell], spans: list[tuple[int, int]]) -> bool:
    """A stage heading printed across the table ("TAHAP 2"): the row's words all lie in one cell over
    most of its columns. It is neither a step nor, right under the header, part of the column names."""
    worded = [cell for cell in row if cell.words]
    return len(worded) == 1 and sum(worded[0].left <= a and b <= worded[0].right for a, b in spans) > len(spans) / 2


def page_text(words: list[Word], cells: list[Cell]) -> str:
    """The page as text: Tesseract's lines outside tables in its reading order, each table as Markdown
    where its first word would have been read. The cells hold their words already (`fill_cells`)."""
    inside = {id(word) for cell in cells for word in cell.words}
    tables = _tables(cells)
    placed: set[int] = set()
    lines: list[str] = []
    current_key = None
    for word in words:
        if id(word) not in inside:
            if word.line_key != current_key:
                if current_key and word.line_key[:2] != current_key[:2]:
                    lines.append("")
                lines.append(word.text)
                current_key = word.line_key
            else:
                lines[-1] += " " + word.text
            continue
        table = next(i for i, table in enumerate(tables) if any(word in c.words for c in table))
        if table not in placed:
            placed.add(table)
            lines += ["", *table_markdown(tables[table]), ""]
            current_key = None
    for i, table in enumerate(tables):
        if i not in placed and any(c.ink for c in table):
            lines += ["", *table_markdown(table), ""]
    return "\n".join(lines).strip() + "\n"


def _tables(cells: list[Cell]) -> list[list[Cell]]:
    """Cells grouped into tables: cells that share a ruling (touch) belong together."""
    tables: list[list[Cell]] = []
    for cell in sorted(cells, key=lambda c: (c.top, c.left)):
        joined = [t for t in tables if any(_touch(cell, other) for other in t)]
        merged = [cell] + [c for t in joined for c in t]
        tables = [t for t in tables if t not in joined] + [merged]
    return [sorted(t, key=lambda c: (c.top, c.left)) for t in tables]


def _touch(a: Cell, b: Cell) -> bool:
    return a.left <= b.right + JOIN_PX and b.left <= a.right + JOIN_PX and a.top <= b.bottom + JOIN_PX and b.top <= a.bottom + JOIN_PX


# --- reading the image ----------------------------------------------------------------------------


def _dark_runs(mask, min_length: int) -> list[Segment]:
    """Runs of ink at least `min_length` long in each row of a boolean array, as segments."""
    import numpy as np

    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    change = np.diff(padded, axis=1)
    rows_s, starts = np.nonzero(change == 1)
    rows_e, ends = np.nonzero(change == -1)
    return [Segment(int(r), int(s), int(e) - 1) for r, s, e in zip(rows_s, starts, ends) if e - s >= min_length]


def ruling_segments(image) -> tuple[list[Segment], list[Segment]]:
    """The horizontal and vertical ink lines of a page image, each joined from its pixel rows."""
    import numpy as np

    dark = np.asarray(image.convert("L")) < RULING_DARK
    height, width = dark.shape
    horizontal = merge_segments(_dark_runs(dark, int(MIN_RULING_SHARE * width)))
    vertical = merge_segments(_dark_runs(dark.T, int(MIN_RULING_SHARE * height)))
    return horizontal, vertical


def ink_share(gray, cell: Cell, margin: int = JOIN_PX) -> float:
    """Share of dark pixels inside a cell of a greyscale page array, its ruling lines left out."""
    pixels = gray[cell.top + margin : cell.bottom - margin, cell.left + margin : cell.right - margin]
    return float((pixels < DARK).mean()) if pixels.size else 0.0


def page_rulings(image) -> tuple[list[Segment], list[Segment]]:
    """The table rulings of a page image: (horizontal, vertical)."""
    horizontal, vertical = ruling_segments(image)
    return table_rulings(horizontal, vertical, image.width)


def without_lines(image):
    """A copy of the page with every long straight ink run (rulings, flowchart edges, arrows) painted
    white. Tesseract reads ruled cells badly (it takes the lines for letters, or skips the cell) and
    reads shapes as punctuation; letters have no long straight runs, so they stay whole, also on a
    skewed scan."""
    import numpy as np
    from PIL import Image

    gray = np.asarray(image.convert("L")).copy()
    dark = gray < RULING_DARK
    mask = np.zeros_like(dark)
    for run in _dark_runs(dark, int(MIN_RULING_SHARE * dark.shape[1])):
        mask[run.position, run.start : run.end + 1] = True
    for run in _dark_runs(dark.T, int(MIN_RULING_SHARE * dark.shape[0])):
        mask[run.start : run.end + 1, run.position] = True
    grown = mask.copy()  # the grey fringe of an anti-aliased line goes too
    for axis in (0, 1):
        for shift in (-ERASE_PX // 2, ERASE_PX // 2):
            grown |= np.roll(mask, shift, axis=axis)
    gray[grown] = 255
    return Image.fromarray(gray)


def mark_drawn_cells(image, cells: list[Cell]) -> None:
    """Flag the cells that hold a drawn shape: per row, those whose ink outside their words is at least
    half that of the inkiest one (an arrow crossing a cell carries far less ink than a flowchart box;
    a box may carry a word, "YA"/"TIDAK", or a digit Tesseract read into its outline)."""
    import numpy as np

    gray = np.asarray(image.convert("L")).copy()
    for cell in cells:
        for word in cell.words:
            gray[word.top : word.bottom + 1, word.left : word.right + 1] = 255
    for row in table_rows(cells):
        roomy = [cell for cell in row if cell.right - cell.left > 4 * ERASE_PX and cell.bottom - cell.top > 4 * ERASE_PX]
        shares = [ink_share(gray, cell) for cell in roomy]
        top = max(shares, default=0.0)
        for cell, share in zip(roomy, shares):
            cell.ink = share >= max(MIN_INK_SHARE, top / 2)


def layout_text(image, rows: list[Segment], columns: list[Segment], words: list[Word]) -> str:
    """A page image, its rulings and the word boxes Tesseract read from it, as text with the ruled tables rebuilt."""
    cells = grid_cells(rows, columns)
    fill_cells(cells, words)
    mark_drawn_cells(image, cells)
    return page_text(words, cells)
