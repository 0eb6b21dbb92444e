"""How Indonesian legal text is written, in one place: sentences, list labels, definitions, norms.

Ingest (chunking, glossary, obligations, relations, structure) and the assistant (answer units,
definition lookup, duty questions, answer verification) read the same drafting conventions (UU 12/2011
Lampiran II): ayat "(1)", huruf "a.", angka "1.", definitions "X yang selanjutnya disingkat Y adalah
...", norms "X wajib/harus/dilarang ...". Each rule lives here once so every reader agrees on it.
"""

from __future__ import annotations

import re
from functools import lru_cache

# --- sentences -----------------------------------------------------------------------------------

# A period after one of these words abbreviates it ("Kab. Blitar", "UU No. 14 Tahun 2008", "Rp. 5.000",
# "Dr. Ir. Ahmad", an acting regent's "Pj. BUPATI" or "Plt. Kepala Dinas") instead of ending a sentence. Indonesian administrative usage, compared lower case.
ABBREVIATIONS = frozenset(
    "adm al bpk cq dkk dll dr dra drs dsb dst hal hlm ir jl jln kab kec kel kep ket lamp no nos ny "
    "pj plh plt pt prof prov rp sdr telp tgl tn tbk thn ttd ud vol yth".split()
)
# A stop, then the start of a new sentence: a capital, a digit, an opening quote or bracket, markup.
_STOP = re.compile(r"[.!?;]\s+(?=[A-Z0-9“\"(\[*])")
_WORD_BEFORE = re.compile(r"[^\s(“\"'\[]*$")
MAX_WORD_LOOKBACK = 40  # longer than any abbreviation or label
_DOTTED = re.compile(r"(?:[A-Za-z]{1,4}\.)+[A-Za-z]{1,4}")  # S.H, M.Si, a.n, s.d, S.Kom


def is_abbreviation(word: str) -> bool:
    """A word written before a period that does not end the sentence: a known abbreviation, a single
    letter (an initial "H." or a list letter "a."), or a dotted title ("S.H", "M.Si")."""
    return len(word) == 1 and word.isalpha() or word.lower() in ABBREVIATIONS or bool(_DOTTED.fullmatch(word))


def _continues(text: str, start: int, period: int) -> bool:
    """Does the period at `period` belong to an abbreviation or an angka label ("meliputi: 1. Bupati")?

    Only the few characters before the period are read, so a long run of text costs linear time.
    """
    word = _WORD_BEFORE.search(text, max(start, period - MAX_WORD_LOOKBACK), period).group()
    if is_abbreviation(word):
        return True
    if not (word.isdigit() and len(word) <= 3):
        return False
    before = period - len(word)
    while before > 0 and text[before - 1].isspace():
        before -= 1
    return before == 0 or text[before - 1] in ".!?:;"


def split_sentences(text: str) -> list[str]:
    """Sentences of a run of text, each with its stop; whitespace at the cuts is dropped.

    A sentence ends at . ! ? or ; followed by whitespace and a capital, a digit, a quote or a bracket,
    except a period after an abbreviation. A period between digits ("1.234", "2,5.") is never followed
    by whitespace, so it never ends a sentence.
    """
    sentences, start = [], 0
    for stop in _STOP.finditer(text):
        if text[stop.start()] == "." and _continues(text, start, stop.start()):
            continue
        sentences.append(text[start : stop.start() + 1])
        start = stop.end()
    sentences.append(text[start:])
    return [sentence.strip() for sentence in sentences if sentence.strip()]


# A sentence that opens by pointing back ("Hal ini bertujuan agar ...", "Dengan demikian ...") says
# nothing without the sentence before it.
ANAPHORA = re.compile(
    r"^(?:hal\s+(?:ini|itu|tersebut)(?:lah)?|dengan\s+demikian|oleh\s+(?:karena|sebab)\s+itu|untuk\s+itu|karena\s+itu)\b",
    re.IGNORECASE,
)


# A record: fields "Label: value" joined by "; " (an SOP step "Kegiatan: ...; Pelaksana: ...; Waktu: ...",
# a table row read with its column headers). Its fields answer together, so it is never cut into sentences.
_RECORD_FIELD = re.compile(r"^(?:[A-Z0-9][^:;]{0,40}:\s+)+\S")
MIN_RECORD_FIELDS = 3


def is_record(text: str) -> bool:
    fields = re.split(r";\s+", text.strip().rstrip(";"))
    return len(fields) >= MIN_RECORD_FIELDS and all(_RECORD_FIELD.match(field) for field in fields)


# --- list labels ---------------------------------------------------------------------------------

# The labels that open an ayat, a huruf or angka item, or a bullet, as pattern pieces without groups.
AYAT = r"\(\d{1,2}\)"  # (1)
HURUF = r"[a-z][.)]"  # a.  a)
ANGKA = r"\d{1,3}[.)]"  # 1.  1)
BULLET = r"[-•*]"  # -  •  *
LABEL = rf"(?:{AYAT}|{HURUF}|{ANGKA}|{BULLET})"

# A line that starts with a label, with the label's number or letter and the rest of the line.
# An ayat opens a sentence: "(1) dibuktikan dengan ..." or "(1), Pasal 30 ..." is the wrapped tail of a
# cross-reference whose line ended in "... pada ayat".
AYAT_LINE = re.compile(r"^\((\d{1,2})\)(?!\s*[a-z,;.:])\s*(.*)$")
HURUF_LINE = re.compile(r"^([a-z])[.)]\s+(.*)$")
ANGKA_LINE = re.compile(r"^(\d{1,3})[.)]\s+(?!\d)(.*)$")  # not "1. 000" or a date run
_LEADING_LABEL = re.compile(rf"^\s*(?:\((?P<ayat>\d{{1,2}})\)\s*|(?P<huruf>{HURUF})\s+|(?P<angka>{ANGKA})\s+|(?P<bullet>{BULLET})\s+)")
_AYAT_BREAK = re.compile(rf"\n(?=[ \t]*{AYAT}\s)")


def leading_label(text: str) -> tuple[str, str] | None:
    """('ayat'|'huruf'|'angka'|'bullet', label) of the label the text starts with: the ayat's number
    ("2" for "(2)"), else the label as printed ("a.", "1)", "•")."""
    match = _LEADING_LABEL.match(text)
    if not match:
        return None
    kind = next(name for name in ("ayat", "huruf", "angka", "bullet") if match.group(name) is not None)
    return kind, match.group(kind)


def is_list_item(text: str) -> bool:
    """Does the text open with a huruf, angka or bullet label (an item of a list, not an ayat)?"""
    label = leading_label(text)
    return label is not None and label[0] != "ayat"


def without_label(text: str) -> str:
    """The text after its leading label, if any."""
    return _LEADING_LABEL.sub("", text, count=1)


# The words after which a label is a cross-reference, not the start of an item: the label's own kind
# ("sebagaimana dimaksud pada ayat (1)", "huruf a.") and, for ayat, the words that join references
# ("ayat (2) dan (3)", "ayat (1) sampai dengan (4)"). A PDF's line wrap puts such a label at the start of a
# line ("... dimaksud pada ayat\n(1) disampaikan ..."), where it looks like an item of its own.
_REFERENCE_BEFORE = {
    "ayat": frozenset("ayat dan atau sampai dengan hingga serta".split()),
    "huruf": frozenset(["huruf"]),
    "angka": frozenset(["angka"]),
}


def is_cross_reference(before: str, kind: str) -> bool:
    """Whether a label of `kind` ('ayat', 'huruf', 'angka') right after the text `before` refers to an
    item rather than opening one."""
    words = before[-MAX_WORD_LOOKBACK:].split()
    return bool(words) and words[-1].lower() in _REFERENCE_BEFORE.get(kind, ())


def split_ayat(text: str) -> list[str]:
    """An article's text cut before every ayat label that starts a line, except a wrapped cross-reference."""
    cuts = [
        match.start() for match in _AYAT_BREAK.finditer(text)
        if not is_cross_reference(text[max(0, match.start() - MAX_WORD_LOOKBACK) : match.start()], "ayat")
    ]
    return [text[start:end] for start, end in zip([0, *(cut + 1 for cut in cuts)], [*cuts, len(text)])]  # the newline dropped


# An ayat label inside running text ("... di wilayah Indonesia. (3) Penyelenggara ..."), where a converter
# lost the line break before it. Only labels that continue the numbering and open a capitalised sentence
# are cuts; one after a comma or a reference word is a cross-reference ("ayat (2) dan (3) Undang-Undang").
_INLINE_AYAT = re.compile(r"(?:^|\s)\((\d{1,2})\)\s+(?=[A-Z])")


def inline_ayat(text: str, first: int, last: int | None = None) -> tuple[str, list[tuple[str, str]]] | None:
    """`text` cut at the ayat labels numbered `first`, `first` + 1, ... that it carries inside: the text
    before the first label and each ayat's (number, text). With `last` the labels must reach `last`.
    None when there is nothing to cut."""
    cuts = []
    for match in _INLINE_AYAT.finditer(text):
        expected = first + len(cuts)
        if last is not None and expected > last:
            break
        before = text[max(0, match.start() - MAX_WORD_LOOKBACK) : match.start()].rstrip()  # the word before, not the whole text
        reference = before.endswith(",") or is_cross_reference(before, "ayat")
        if int(match.group(1)) == expected and not reference:
            cuts.append(match)
    if not cuts or (last is not None and first + len(cuts) <= last):
        return None
    ends = [cut.start() for cut in cuts[1:]] + [len(text)]
    return text[: cuts[0].start()].rstrip(), [(cut.group(1), text[cut.end() : end].strip()) for cut, end in zip(cuts, ends)]


# A huruf or angka item starts a line, or follows the ":" of its lead-in or the ";" (", dan") of the
# item before: "meliputi: a. pendidikan; b. kesehatan; dan c. pekerjaan umum".
_ITEM_BREAK = re.compile(rf"(?:(?<=[:;])(?:\s+(?:dan/atau|dan|atau))?\s+|\n\s*)(?=(?:{HURUF}|{ANGKA})\s)")


def split_items(text: str) -> list[str]:
    """The lead-in and the huruf/angka items of a list written in one run ("... terdiri atas: a. ...; b. ...")."""
    return [part for part in _ITEM_BREAK.split(text) if part.strip()]


# The words that open a list: "Objek Audit Keamanan SPBE ... terdiri atas: a. ...", "... meliputi: ...".
ENUMERATION = r"(?:terdiri\s+(?:atas|dari)|meliputi|mencakup|yaitu|antara\s+lain|sebagai\s+berikut|berupa)"
_LEAD_IN = re.compile(rf"\b{ENUMERATION}\b[^:.;\n]{{0,80}}:", re.IGNORECASE)
# Where the sentence or item holding a lead-in starts: after a full stop, a ";" or ":", and after the
# ayat number or list label that may follow it, or after a Pasal heading (a PDF's line breaks are no boundary).
_SUBJECT_START = re.compile(rf"(?:[.;:]\s|^|\bPasal\s+\d+[A-Z]?\s+(?=\(\d))\s*(?:{LABEL}\s+)?")


# A list headed by a short line of its own: "Faktor Penghambat:" with items on the lines below.
_LABEL_LEAD_IN = re.compile(rf"^(?:{LABEL}\s+)?(?P<subject>[^\n:]{{3,80}}):[ \t]*\n(?=[ \t]*{LABEL}\s)", re.MULTILINE)


# Three or more items run into one sentence: "... dengan aktivitas Penilaian Mandiri, Penilaian Dokumen, dan
# Penilaian Interviu." A match that starts inside a run of item text also starts at the run's beginning, so the
# search is tried only there (after a separator): every position costs a scan of the sentence at each list question.
_INLINE_ITEMS = re.compile(r"(?:^|(?<=[,;:.]))[^,;:.]+,\s*[^,;:.]+,?\s+(?:dan|atau|serta|dan/atau)\s+[^,;:.]+")


def lead_in_subjects(text: str) -> list[str]:
    """What each list of the text enumerates: the words before its lead-in verb, from the start of the
    sentence or item ("(1) Objek Audit Keamanan SPBE sebagaimana dimaksud dalam Pasal 2 huruf a terdiri
    atas:" -> "Objek Audit Keamanan SPBE sebagaimana dimaksud dalam Pasal 2 huruf a"); the line that
    heads the list ("Faktor Penghambat:"); or a sentence that lists three or more items inside it, from its
    start ("Evaluasi SPBE dilakukan dengan aktivitas Penilaian Mandiri, Penilaian Dokumen, dan ..."), unless
    it is a definition."""
    subjects = [
        match.group("subject").strip() for match in _LABEL_LEAD_IN.finditer(text)
        if not re.search(rf"\b{ENUMERATION}\b", match.group("subject"), re.IGNORECASE)
    ]
    text = " ".join(text.split())
    subjects += [  # a definition's items ("... adalah rangkaian kegiatan yang meliputi A, B, dan C") define, not list
        opening for sentence in split_sentences(text)
        if _INLINE_ITEMS.search(sentence) and parse_definition(opening := without_label(sentence)) is None
    ]
    for match in _LEAD_IN.finditer(text):
        before = text[max(0, match.start() - 300) : match.start()]
        starts = [start.end() for start in _SUBJECT_START.finditer(before)]
        subjects.append(before[starts[-1] if starts else 0 :].strip())
    return subjects


# A term that opens an item (or a quote, or a line) in lower-cased text, looking back from the term.
_ITEM_OPENING = re.compile(rf"(?:\n|(?<![\w.]){LABEL}\s+|[“\"'])$")


def opens_item(text: str, position: int) -> bool:
    """Does `position` start the text, a line, a quote or a labelled item?"""
    return position == 0 or bool(_ITEM_OPENING.search(text, max(0, position - 12), position))


# --- definitions ---------------------------------------------------------------------------------

COPULA = r"(?:adalah|ialah|merupakan|yaitu)"
ALIAS_INTRO = r"(?:yang\s+)?selanjutnya\s+(?:dapat\s+)?(?:disebut|disingkat)(?:\s+dengan)?(?:\s+dan\s+disingkat)?"
_DEFINITION = re.compile(
    r"^(?P<term>[^,;:]{2,150}?)"
    r"(?:\s*\((?P<paren>[^)]{1,40})\))?"
    rf"(?:\s*,?\s+{ALIAS_INTRO}\s+(?P<alias>[^,]{{1,80}}?))?"
    rf"\s*,?\s+{COPULA}\s+(?P<body>.+)$",
    re.DOTALL,
)
MAX_TERM_WORDS = 14


def parse_definition(text: str) -> tuple[str, str | None] | None:
    """(term, alias) of a definition item "Term (yang selanjutnya disingkat X) adalah ...", else None."""
    match = _DEFINITION.match(" ".join(text.split()))
    if not match:
        return None
    term = re.sub(r"\s+atau\s+yang\s+disebut\s+dengan\s+nama\s+lain$", "", match.group("term")).strip(" “”\"'")
    alias = re.split(r"\s+atau\s+yang\s+", match.group("alias") or match.group("paren") or "")[0].strip(" “”\"'") or None
    if len(term.split()) > MAX_TERM_WORDS or not term[:1].isalpha():
        return None
    return term, alias


def defines(text: str, term: str) -> bool:
    """Does the text define the term, as Ketentuan Umum and Penjelasan write definitions?"""
    first_word, defined_as, other_forms = _definition_patterns(term.lower())
    lowered = text.lower()
    if first_word not in lowered:
        return False
    # "X adalah …" counts where X opens an item or a line; the search starts at the term (fast literal
    # scan) and only then looks back at what precedes it.
    if any(opens_item(lowered, match.start()) for match in defined_as.finditer(lowered)):
        return True
    return any(pattern.search(lowered) for pattern in other_forms)


@lru_cache(maxsize=256)
def _definition_patterns(term: str) -> tuple[str, re.Pattern, tuple[re.Pattern, ...]]:
    """Compiled once per term: a definition scan runs them over every candidate passage."""
    words = r"\s+".join(re.escape(word) for word in term.split())
    return (
        term.split()[0],
        re.compile(rf"{words}(?:\s*\([^)]{{1,40}}\))?(?:,?\s+{ALIAS_INTRO}[^.;]{{0,80}}?)?[”\"']?\s*,?\s+{COPULA}\b"),
        (
            re.compile(rf"{ALIAS_INTRO}\s+[“\"']?{words}[”\"']?\s*,?\s+{COPULA}\b"),
            re.compile(rf"yang\s+dimaksud\s+dengan\s+[“\"']?{words}\b"),
        ),
    )


# --- norms ---------------------------------------------------------------------------------------

# The modal words of norms (Lampiran II C.3: "wajib" obligation, "dilarang" prohibition, "harus"
# condition; SOTK regulations add "mempunyai tugas"/"bertugas" and "bertanggung jawab"). Written in
# lower case: "Urusan Pemerintahan Wajib" or "Wajib Pajak" is a name, not a norm.
MODALITIES = {
    "wajib": r"wajib",
    "harus": r"harus",
    "bertanggung jawab": r"bertanggung\s+jawab",
    "berkewajiban": r"berkewajiban",
    "bertugas": r"(?:bertugas|mempunyai\s+tugas)",
    "dilarang": r"dilarang",
}

# The sentence of the ketentuan penutup that says when a regulation takes effect: "Peraturan Bupati ini
# mulai berlaku pada tanggal diundangkan", "Undang-Undang ini mulai berlaku 2 (dua) tahun sejak ...";
# not "Pada saat Peraturan Bupati ini mulai berlaku, ... dicabut".
COMMENCEMENT = re.compile(r"\bini\s+mulai\s+berlaku\s+(?:pada|sejak|setelah|terhitung|\d)", re.IGNORECASE)

# The same obligation in other words: a question asking what someone "wajib"/"harus" do is answered by
# a provision written with any of them, or with a deadline ("paling lambat 14 hari" binds as "wajib" does).
OBLIGATION_WORDS = ("wajib", "harus", "berkewajiban", "paling lambat", "paling lama")
# The same enactment in other words: a Peraturan is "ditetapkan", an Undang-Undang "disahkan", and the
# signature block reads "ttd." where a question asks who "menandatangani" it.
ENACTMENT_WORDS = ("ditetapkan", "disahkan", "ditandatangani", "menandatangani", "ttd")
# The units a duration is stated in: "Berapa lama ..." is answered by "14 (empat belas) hari kerja".
TIME_UNITS = ("detik", "menit", "jam", "hari", "minggu", "pekan", "bulan", "tahun")  # an SOP step takes "10 menit"
PERIOD_UNITS = (*TIME_UNITS, "triwulan", "semester")  # the lengths a limit or a recurrence is counted in
# The months a date is written with ("1 Januari 2021", "setiap bulan Juli").
MONTHS = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember")
# How a question asks for an amount of money; a Rupiah figure ("Rp 1.000.000.000") states one, whether or
# not its table says "pagu" or "anggaran".
MONEY_WORDS = ("anggaran", "pagu", "biaya", "dana", "tarif", "harga", "rupiah")
# How a provision states a time limit: "paling lambat 3 (tiga) bulan setelah ...", "jangka waktu 5 (lima) tahun".
TIME_LIMITS = ("paling lambat", "paling lama", "selambat-lambatnya", "selama-lamanya", "jangka waktu")  # the last two: older drafting
# A time limit with its length: a "Kapan ... harus ..." question is answered by "disampaikan paling lambat 3
# (tiga) bulan setelah tahun anggaran berakhir" or "paling lambat pada triwulan III tahun 2024".
TIME_LIMIT = re.compile(
    r"\b(?:" + "|".join(re.escape(limit).replace(r"\ ", r"\s+") for limit in (*TIME_LIMITS, "dalam waktu")) + r")\b[^.;:]{0,60}?\b(?:"
    + "|".join(PERIOD_UNITS) + r")\b",
    re.IGNORECASE,
)


# How often an act recurs: "paling sedikit 1 (satu) kali dalam 2 (dua) tahun", "6 (enam) bulan sekali",
# "setahun sekali" and "sekali setahun" ("se-" is one), "setiap 3 (tiga) tahun", "setiap tahun(nya)".
_COUNT = r"\d+\s*(?:\([a-z ]+\)\s*)?"
_UNIT = r"(?:" + "|".join(PERIOD_UNITS) + r")"
FREQUENCY = re.compile(
    rf"\b(?:(?:{_COUNT}|satu\s+|dua\s+)kali\s+(?:dalam|setiap|tiap|per|se){_UNIT}?|(?:{_COUNT}|se){_UNIT}\s+sekali|sekali\s+(?:dalam|setiap|se{_UNIT})|(?:setiap|tiap)\s+(?:{_COUNT})?{_UNIT}(?:nya)?)\b",
    re.IGNORECASE,
)


# How long something lasts or may take: "14 (empat belas) hari kerja", "2 (dua) kali 24 (dua puluh empat) jam",
# "tiga puluh hari", "setahun". A year alone ("tahun 2024"), a plan's span ("2019-2024") or a regulation's
# number ("Perpres 95 Tahun 2018") is no length.
# Indonesian numbers spelled out, as drafting repeats them in brackets: "14 (empat belas)".
NUMBER_WORDS = ("satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas", "seratus", "seribu")
NUMBER_SCALES = ("belas", "puluh", "ratus", "ribu")
_NUMBER_WORD = rf"(?:{'|'.join(NUMBER_WORDS)})(?:\s+(?:{'|'.join(NUMBER_SCALES)}))*"
DURATION = re.compile(
    rf"(?:\b\d+(?:[.,]\d+)?|\b{_NUMBER_WORD})\s*(?:\([a-z ]+\)\s*)?(?:kali\s+24\s*(?:\([a-z ]+\)\s*)?)?{_UNIT}\b(?!\s*\d{{4}}\b)"
    rf"|\bse(?:{'|'.join(PERIOD_UNITS)})\b",
    re.IGNORECASE,
)


_RECURRENCE = re.compile(rf"\bkali\s+dalam\s+{_COUNT}{_UNIT}\b", re.IGNORECASE)  # "… kali dalam 2 (dua) tahun"


def states_duration(text: str) -> bool:
    """Whether the text states a length of time ("paling lama 14 (empat belas) hari", "setahun"); how often
    something recurs ("setiap 3 (tiga) bulan") is no length."""
    return bool(DURATION.search(FREQUENCY.sub(" ", _RECURRENCE.sub(" ", text))))


def states_time_limit(text: str) -> bool:
    """Whether the text sets a time limit ("paling lambat 3 (tiga) bulan setelah ...")."""
    return bool(TIME_LIMIT.search(text))


def states_frequency(text: str) -> bool:
    """Whether the text says how often something recurs ("1 (satu) kali dalam 2 (dua) tahun", "setiap tahun")."""
    return bool(FREQUENCY.search(text))


# "wajib pajak" (taxpayer) is a noun, whatever its case.
_NOUN_COMPOUND = r"(?!\s+pajak\b)"
_MODAL = re.compile(r"\b(?:" + "|".join(f"(?P<m{i}>{p})" for i, p in enumerate(MODALITIES.values())) + r")\b" + _NOUN_COMPOUND)
# The words that bind an actor to an act in a provision: a norm's (not "bertugas", which assigns a task) or a
# permission's ("gubernur dapat mengajukan keberatan … paling lambat 14 Hari"); not after "yang" or a
# negation ("informasi yang wajib disediakan", "tidak dapat").
PERMISSIONS = (r"dapat", r"boleh", r"berhak")
BINDING = re.compile(
    r"(?<!yang\s)(?<!tidak\s)\b(?:" + "|".join([*(p for k, p in MODALITIES.items() if k != "bertugas"), *PERMISSIONS]) + r")\b" + _NOUN_COMPOUND
)
# How a provision assigns a subject what a question asks of it, by the noun asked: SOTK regulations write
# "Sekretariat mempunyai tugas ...", "Bidang X menyelenggarakan fungsi: ..."; elsewhere the noun becomes the
# verb after the subject ("Apa asas penyelenggaraan pelayanan publik?" is answered by "Penyelenggaraan
# pelayanan publik berasaskan: ...", "Apa tujuan Rencana Induk SPBE?" by "Rencana Induk SPBE bertujuan untuk ...").
RELATION_WORDINGS = {
    **dict.fromkeys(("tugas", "tugas pokok"), re.compile(r"\s(?:mempunyai\s+tugas|bertugas)")),
    "fungsi": re.compile(r"\s(?:mempunyai\s+fungsi|menyelenggarakan\s+fungsi|berfungsi)"),
    **dict.fromkeys(("wewenang", "kewenangan"), re.compile(r"\s(?:mempunyai\s+(?:kewenangan|wewenang)|berwenang)")),
    # "Apa tugas dan fungsi X?", "tugas pokok dan fungsi": any of the SOTK wordings
    "tugas dan fungsi": re.compile(r"\s(?:mempunyai\s+(?:tugas|fungsi|kewenangan)|bertugas|berfungsi|berwenang|menyelenggarakan\s+fungsi)"),
    "tujuan": re.compile(r"\s(?:bertujuan|mempunyai\s+tujuan)"),
    # a plan states them under their own word: "Visi …: …", "sasaran strategis … adalah"
    "sasaran": re.compile(r"\s(?:bersasaran|sasaran)"),
    "visi": re.compile(r"\svisi\b"),
    "misi": re.compile(r"\smisi\b"),
    "asas": re.compile(r"\s(?:berasaskan|berasas|berlandaskan\s+asas|(?:dilaksanakan|diselenggarakan)?\s*berdasarkan\s+asas)"),
    "prinsip": re.compile(r"\s(?:berprinsip|(?:dilaksanakan|diselenggarakan|dilakukan)\s+(?:dengan|berdasarkan)\s+prinsip)"),
    "kewajiban": re.compile(r"\s(?:berkewajiban|mempunyai\s+kewajiban)"),
    "hak": re.compile(r"\s(?:berhak|mempunyai\s+hak)"),
    "peran": re.compile(r"\s(?:berperan|mempunyai\s+peran)"),
}
# How a text names each relation that drafting always names, as noun or verb ("rincian tugas", "bertugas";
# "maksud dan tujuan", "bertujuan"; not the "petugas" or "pihak" that merely contain the letters). A function
# or a role is often stated without its word ("digunakan sebagai acuan", "diselenggarakan oleh Diskominfo").
_RELATION_NAMES = {
    "tugas": r"(?<!pe)tugas", "wewenang": r"wenang", "tujuan": r"tujuan|maksud", "sasaran": r"sasaran", "visi": r"\bvisi\b", "misi": r"\bmisi\b", "asas": r"asas", "prinsip": r"prinsip",
    "kewajiban": r"wajib", "hak": r"\bhak\b|berhak",
}
_RELATION_NAMES.update({
    "tugas pokok": _RELATION_NAMES["tugas"], "kewenangan": _RELATION_NAMES["wewenang"], "tugas dan fungsi": rf"{_RELATION_NAMES['tugas']}|fungsi(?!onal)",
})


def names_relation(noun: str, text: str) -> bool:
    """Whether a text says anything of the asked relation at all: a quote about the asked subject that
    never names its "tugas" (or "bertugas") does not answer "Apa tugas X?". True for a relation often
    stated without its word (a function, a role)."""
    return noun not in _RELATION_NAMES or bool(re.search(_RELATION_NAMES[noun], text, re.IGNORECASE))


# The same relation asked with the verb: "Komisi Informasi berfungsi untuk apa?" asks its "fungsi".
RELATION_VERBS = {
    "bertugas": "tugas", "berfungsi": "fungsi", "berwenang": "wewenang", "bertujuan": "tujuan", "berasaskan": "asas",
    "berkewajiban": "kewajiban", "berhak": "hak", "berperan": "peran",
}
# A modal word after these is not a norm on an actor: "informasi yang wajib disediakan", "tidak wajib".
_NOT_A_NORM = re.compile(r"(?:\byang|\btidak|\bbukan|\badalah|\bmerupakan|\bsebagai)\s*$", re.IGNORECASE)
_OPENER = re.compile(r"^(?:pada|dalam|apabila|jika|untuk|sebelum|setelah|sesudah|paling|selama|sejak)\b", re.IGNORECASE)


def find_norm(sentence: str) -> tuple[str, re.Match] | None:
    """(modality, match) of the first modal word that states a norm, None for other sentences.

    A definition ("Koordinator Risiko SPBE merupakan pejabat ... untuk bertanggung jawab atas ...")
    describes a term and binds no one, so its modal words do not count.
    """
    match = next((m for m in _MODAL.finditer(sentence) if not _NOT_A_NORM.search(sentence[: m.start()])), None)
    if match is None:
        return None
    head = without_label(sentence[: match.end()])  # a copula before the modal word makes it a definition
    if not _OPENER.match(head) and parse_definition(head):
        return None
    keys = list(MODALITIES)
    return next(keys[i] for i in range(len(keys)) if match.group(f"m{i}")), match


_DETERMINER = re.compile(r"^(?:setiap|masing-masing|seluruh|semua|para)\s+(?=\S)", re.IGNORECASE)
_AGENT = re.compile(r"\boleh\s+(?P<agent>[A-Z][^,.;:]{2,80}?)(?=\s+(?:yang|untuk|dalam|sesuai|kepada|paling|sebagaimana|melalui)\b|[,.;:]|$)")
_PASSIVE = re.compile(r"\s+(?:sudah\s+|segera\s+|untuk\s+)?di[a-z]{3,}\b")  # "wajib diolah", "harus dilengkapi"
_REFERENCE_TAIL = re.compile(r"\s*sebagaimana\s+dimaksud\s+(?:dalam|pada)\b.*$", re.IGNORECASE)
_LED_BY = re.compile(r"\bdipimpin\s+oleh\s+(?P<leader>.+?)(?:\s+yang\b|$)")
_TIME_HEAD = re.compile(r"^(?:tahun|bulan|semester|triwulan|hari)\s+", re.IGNORECASE)
_ADVERB_TAIL = re.compile(r"\s+(?:yang\s+\w+\s+sebagai\s+.*?\s+)?(?:berkedudukan|berada)\b.*$|(?:\s+(?:sudah|juga|pun|tetap|hanya|masih|senantiasa|terlebih\s+dahulu))+$", re.IGNORECASE)
# "Kepala dinas dalam melaksanakan tugasnya bertanggung jawab": the circumstance is not part of the actor.
_CLAUSE_TAIL = re.compile(r"\s+(?:dalam|untuk|ketika|saat|setelah|sebelum|sesudah|selama)\s+(?:me|ber|di)[a-z]+\b.*$")
_LEADING_JOIN = re.compile(r"^(?:(?:dan/atau|dan|atau|serta|baik)\s+)+", re.IGNORECASE)
_ACTOR_START = re.compile(r"^[A-Za-z][A-Za-z-]+\b(?!\.)")  # a word, not a list label ("b.") or a stray mark
MAX_ACTOR_WORDS = 10
# An activity noun (pe-/per-/ke- ... -an: "pelaksanaan", "penerapan", "pembangunan", "perjanjian",
# "keamanan") names what is done, not who must do it. The institutions formed the same way are a
# closed set of the language, not of any corpus.
_NOMINALISATION = re.compile(r"^(?:pe|ke)[a-z]{3,}an$", re.IGNORECASE)
INSTITUTION_NOUNS = frozenset(
    "kementerian kepolisian kejaksaan kelurahan kecamatan kesekretariatan kepaniteraan kedutaan kedeputian "
    "perusahaan pengadilan perwakilan perkumpulan persekutuan perseroan perserikatan perhimpunan".split()
)
# A verb ("memprioritaskan", "melaksanakan", "bertujuan") outside a "yang" clause: the words before the
# modal are a clause, not its subject. "menteri" and "bersama" are the common me-/ber- words that are not.
_VERB = re.compile(r"\b(?:me(?!nteri)(?:m[bpf]|n[cdjstz]|ng[aeiougkh]|ny[aeiou]|[lrwy][aeiou])[a-z]{2,}|ber(?!sama\b)[a-z]{4,})\b")


def bears_norm(actor: str) -> bool:
    """Can this noun phrase be the subject that bears a norm (a person, office or body)?"""
    head = actor.split()[0] if actor.split() else ""
    if _NOMINALISATION.match(head) and head.lower() not in INSTITUTION_NOUNS:
        return False
    return not _VERB.search(re.split(r"\s+yang\s+", actor)[0])


def norm_actor(sentence: str, match: re.Match) -> str:
    """The subject written before the modal word, or the agent after "oleh" in a passive sentence;
    "" when the sentence names none that can bear the norm."""
    after = sentence[match.end() :]
    if _PASSIVE.match(after):  # "laporan wajib diolah": what is written before is the object, not the actor
        agent = _AGENT.search(after)
        return agent.group("agent").strip() if agent else ""
    before = without_label(sentence[: match.start()]).strip(" ,;:")
    led = _LED_BY.search(before)
    if led:
        return led.group("leader").strip()
    segments = [_DETERMINER.sub("", _REFERENCE_TAIL.sub("", part).strip()) for part in re.split(r"[,;:]\s+", before)]
    segments = [segment for segment in segments if segment] or [""]
    actor = segments[-1]
    # "Kepala Dinas, Sekretaris, ... dan Kelompok Jabatan Fungsional wajib": a list of actors
    names = [seg for seg in reversed(segments[:-1]) if seg[:1].isupper() and len(seg.split()) <= 5 and not _OPENER.match(seg)]
    listed = bool(actor and (actor.startswith("dan ") or " dan " in actor) and names)
    if listed:
        count = next((i for i, seg in enumerate(reversed(segments[:-1])) if seg not in names), len(segments) - 1)
        actor = ", ".join(segments[len(segments) - 1 - count :])
    actor = _ADVERB_TAIL.sub("", _TIME_HEAD.sub("", actor)).strip()
    if listed:
        actor = _CLAUSE_TAIL.sub("", actor)
        return actor if bears_norm(actor) else ""
    if _OPENER.match(actor):
        tail = re.search(r"(?:[A-Z][\w/-]*(?:\s+(?:dan|atau|di|kabupaten/kota|provinsi)\b)?\s*)+$", actor)
        actor = tail.group(0).strip() if tail else ""
    actor = _CLAUSE_TAIL.sub("", _LEADING_JOIN.sub("", actor)).strip()
    if not _ACTOR_START.match(actor) or len(actor.split()) > MAX_ACTOR_WORDS or not bears_norm(actor):
        return ""
    return actor
