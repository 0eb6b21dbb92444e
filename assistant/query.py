"""What a question asks for, read from its wording: a definition, a named regulation, a Pasal.

Staff ask "Apa yang dimaksud dengan Badan Publik?" or "isi Pasal 7 UU 14/2008". Those forms map
onto how Indonesian legal drafting writes definitions ("X adalah ...") and citations
("Undang-Undang Nomor 14 Tahun 2008"), so recognising them gives retrieval exact targets.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.citations import REGULATION, DocumentRef, document_refs
from ingest.legaltext import ENUMERATION, RELATION_VERBS, RELATION_WORDINGS, TIME_UNITS, split_sentences
from ingest.lexical import tokenize
from ingest.sop import IDENTITY_LABELS

from .expansion import ASKS_DURATION, indonesian_term, is_english

# Every pattern reads the question from its start (`match`) with at most one open-ended run, and
# no pattern nests or chains overlapping repeats: the time per question grows linearly with its
# length, so a long pasted question cannot hold the interpreter (and every other session) for seconds.
# "Apakah hardware termasuk Infrastruktur SPBE?", "Is X part of Y?": Y's definition or Y's list answers it.
_MEMBER_OF = r"(?:apakah\s+.+?\s+termasuk\s+(?:ke\s+)?(?:dalam\s+)?(?:salah\s+satu\s+)?|is\s+.+?\s+(?:part\s+of|included\s+in|one\s+of)\s+(?:the\s+)?)"
_DEFINITION_PATTERNS = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"(?:apa\s+)?(?:yang\s+)?dimaksud\s+(?:dengan\s+)?(?P<term>.+)",
        r"(?:apa\s+)?(?:pengertian|definisi|arti)\s+(?:dari\s+)?(?P<term>.+)",
        r"apa\s+(?:itu|sih|kah)\s+(?P<term>.+)",
        r"(?P<term>.+?)\s+itu\s+apa\b",
        r"(?P<term>.+?)\s+(?:adalah|ialah)\s+apa\b",
        r"what\s+is\s+(?:meant\s+by\s+)?(?:an?\s+|the\s+)?(?P<term>.+)",
        _MEMBER_OF + r"(?P<term>.+)",
    )
]
# "Apa beda X dan Y?", "Perbedaan antara X dengan Y", "What is the difference between X and Y?": the
# definitions of both answer it. One lazy run, then the rest: linear in the question's length.
_COMPARISON_PATTERNS = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"(?:apa(?:kah)?\s+)?(?:beda(?:nya)?|perbedaan(?:nya)?)\s+(?:antara\s+)?(?P<a>.+?)\s+(?:dan|dengan)\s+(?P<b>.+)",
        r"what\s+is\s+the\s+difference\s+between\s+(?P<a>.+?)\s+and\s+(?P<b>.+)",
    )
]
# Trailing qualifiers that name where to look, not what to define. The whitespace run is taken
# whole (never entered from its middle), and trailing punctuation is cut by `rstrip`, not a pattern.
_TERM_QUALIFIER = re.compile(r"(?<!\s)\s+(?:menurut|dalam|di|pada|berdasarkan|sesuai|according|in)\b", re.IGNORECASE)

# Questions about when a regulation was enacted, or why/on what basis, are answered by the parts
# around the articles: the penutup ("Ditetapkan di ... pada tanggal ...") and the pembukaan.
# Penutup: a when-word, then (later on the same line) an enactment word; found by two scans.
_WHEN = re.compile(r"\b(?:kapan|tanggal|tgl)\b", re.IGNORECASE)
_ENACTED = re.compile(r"\b(?:ditetapkan|diundangkan|disahkan|ditandatangani|berlaku)\b", re.IGNORECASE)
# ... or the enactment word first, the when-word right after it: "berlaku sejak kapan", "berlaku mulai tanggal berapa".
_ENACTED_WHEN = re.compile(rf"{_ENACTED.pattern}\s+(?:(?:sejak|mulai|pada)\s+)?{_WHEN.pattern}", re.IGNORECASE)
# ... or who signed it, where it was enacted, in which Lembaran/Berita it was promulgated.
_SIGNED_WHERE = re.compile(
    r"\b(?:menandatangani|ditandatangani|penandatangan)\b|\b(?:di\s?mana|where)\b.*\b(?:ditetapkan|diundangkan|disahkan)\b"
    r"|\b(?:lembaran|berita)\s+(?:negara|daerah)\b(?=.*\bnomor\b)|\bnomor\b.*\b(?:lembaran|berita)\s+(?:negara|daerah)\b",
    re.IGNORECASE,
)
_COMMENCES = re.compile(r"\bberlaku\b", re.IGNORECASE)
# "Perbup Blitar 116/2022 itu tentang apa?", "Apa judul Perpres 95/2018?", "What is UU 14/2008 about?": with the
# named regulation taken out, the question holds only these words, one of them asking for its subject.
_ABOUT = {"tentang", "mengatur", "mengenai", "perihal", "judul", "judulnya", "about", "title"}
_ABOUT_FILLER = {"apa", "itu", "ini", "isi", "pokok", "yang", "diatur", "dalam", "undang", "peraturan", "what", "is", "the", "of", "does", "regulate"}
# "Kapan laporan ... harus disampaikan?", "Batas waktu ...", "When must ...": an obligation's due date, which
# a time limit in a provision states. "Kapan SPBE Summit diselenggarakan?" asks for an event's date instead,
# and a question about an enactment for the penutup's date.
# Two scans, not one pattern with ".*" between: that backtracks quadratically over "kapan kapan kapan ...".
_ASKS_WHEN = re.compile(r"\b(?:kapan|when)\b", re.IGNORECASE)
_OBLIGED = re.compile(r"\b(?:wajib|harus|berkewajiban|must|should)\b", re.IGNORECASE)
# "Berapa kali ...?", "Seberapa sering ...?", "Setiap berapa tahun ...?": how often an act recurs.
ASKS_FREQUENCY = re.compile(r"\b(?:berapa\s+kali|seberapa\s+sering|(?:setiap|tiap)\s+berapa|frekuensi|how\s+often|how\s+many\s+times)\b", re.IGNORECASE)
# How a question asks for a length of time, with its unit too: "berapa hari (kerja)".
ASKS_LENGTH = re.compile(rf"{ASKS_DURATION.pattern}|\bberapa\s+(?:{'|'.join(TIME_UNITS)})(?:\s+kerja)?\b", re.IGNORECASE)
_ASKS_TIME_LIMIT = re.compile(r"\b(?:batas\s+waktu|tenggat|deadline|paling\s+lambat)\b", re.IGNORECASE)
_GROUNDS = re.compile(r"\b(?:dasar hukum|menimbang|mengingat|pertimbangan|untuk melaksanakan|latar belakang penetapan)\b", re.IGNORECASE)
# "Apa tugas Sekretariat Dinas X?" is answered where a SOTK regulation writes "Sekretariat mempunyai tugas";
# "Apa asas X?" where a provision writes "X berasaskan" (ingest.legaltext.RELATION_WORDINGS). A duty
# noun may open the question by itself ("fungsi Dinas X"); the others ("Hak kekayaan intelektual ...")
# only after a question word.
_DUTY_QUESTION = re.compile(
    r"(?:(?:apa(?:\s+saja)?(?:\s+yang\s+menjadi)?|sebutkan|jelaskan)\s+(?P<noun>tujuan|sasaran|visi|misi|asas|prinsip|kewajiban|hak|peran)|"
    r"(?:(?:apa(?:\s+saja)?(?:\s+yang\s+menjadi)?|sebutkan|jelaskan)\s+)?"
    r"(?P<duty>tugas(?:\s+pokok)?|fungsi|wewenang|kewenangan)(?P<more>(?:\s*,\s*|\s+dan\s+|\s*,\s*dan\s+)(?:tugas|fungsi|wewenang|kewenangan))*)"
    r"\s+(?:dari\s+)?(?!yang\b)(?P<subject>.+)",
    re.IGNORECASE,
)
# "Komisi Informasi berfungsi untuk apa?", "Menurut ..., X bertujuan untuk apa?": the relation asked with its
# verb, the subject before it (after the last comma: the clause before names where to look).
_RELATION_VERB_QUESTION = re.compile(
    rf"(?P<subject>.+?)\s+(?P<verb>{'|'.join(RELATION_VERBS)})\s+(?:(?:untuk|atas|dalam|sebagai|melakukan|terhadap)\s+)?apa\b",
    re.IGNORECASE,
)
# "Siapa yang menetapkan Tim Asesor Internal ...?": drafting names the actor in the passive, after what is
# acted on: "Tim Asesor Internal ... ditetapkan oleh: ... b. bupati/walikota". The verb (and a second one
# joined by "dan"), then what it acts on.
_ACTOR_QUESTION = re.compile(
    r"siapa\s+yang\s+(?P<verb>me[a-z]{3,})(?:\s+dan\s+me[a-z]{3,})?\s+(?P<object>.+)", re.IGNORECASE
)
_DUTY_TAIL = re.compile(r"(?<!\s)\s+(?:di|dalam|menurut|pada|sesuai)\b", re.IGNORECASE)
# "Apa saja X ...?", "Sebutkan X", "X terdiri atas apa saja?", "X apa saja ...?": the X a list enumerates.
_LIST_SUBJECT = (
    re.compile(r"^(?:apa|siapa|mana)\s+saja\s+(?P<subject>.+)", re.IGNORECASE),
    re.compile(r"^sebutkan\s+(?P<subject>.+)", re.IGNORECASE),
    re.compile(rf"^(?P<subject>.+?)\s+{ENUMERATION}\b", re.IGNORECASE),
    re.compile(r"^(?P<subject>.+?)\s+(?:apa|siapa|mana)\s+saja\b", re.IGNORECASE),
    re.compile(rf"^{_MEMBER_OF}(?P<subject>.+)", re.IGNORECASE),
)
_LIST_TAIL = re.compile(r"\s+(?:yang|di|dalam|menurut|pada|sesuai|untuk|dari)\b|[?,]", re.IGNORECASE)
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"[^\W\d_]+")
_WORD_CHARACTER = re.compile(r"[\w-]")
_STATUS_QUESTION = re.compile(r"\b(dicabut|mencabut|pencabutan|diubah|mengubah|perubahan|diganti|menggantikan|masih\s+berlaku|tidak\s+berlaku)\b", re.IGNORECASE)
_PENJELASAN = re.compile(r"\bpenjelasan\s+(?:atas\s+|dari\s+)?pasal\b", re.IGNORECASE)
# "Berapa lama masa jabatan kepala daerah dan siapa yang melantiknya?": two asks joined by a conjunction,
# each answered by a different provision. The clause after the conjunction has its own question word,
# anywhere in it: "…, dan Perbup pokok mana …", "serta untuk jangka waktu berapa tahun …", "…, dan hasilnya
# dijadikan dasar untuk menyusun apa?". Without one ("Siapa yang mengangkat dan memberhentikan …", "Apa saja
# A, B, dan C?") the question asks once.
_QUESTION_WORD = r"(?:apa|apakah|siapa|berapa|seberapa|kapan|bagaimana|mengapa|kenapa|mana|dimana|sebutkan|jelaskan|what|who|how|when|where|which|why)"
# "Sebutkan …", "Tolong jelaskan …", "Please list …": a request for the things it lists, after a leading clause.
_REQUEST = re.compile(r"^(?:[^,]{0,80},\s*)?(?:(?:tolong|mohon|coba)\s+)?(?:sebutkan|jelaskan|uraikan|please\s+(?:list|explain|state))\s+", re.IGNORECASE)
_REQUEST_ITEMS = re.compile(r",\s*(?:(?:dan|serta|and)\s+)?|\s+serta\s+", re.IGNORECASE)
MAX_ASKS = 4
MAX_CLAUSE_CHARS = 150  # how far into a clause its question word is looked for: bounded, so a long question costs linear time
_NEXT_ASK = re.compile(
    rf"(?:\s*[,;]\s*(?:dan|serta|lalu|kemudian|juga|and)?|\s+(?:dan|serta|lalu|kemudian|and|&|/))\s+(?=[^,;?.]{{0,{MAX_CLAUSE_CHARS}}}?\b{_QUESTION_WORD}\b)",
    re.IGNORECASE,
)
_HAS_QUESTION_WORD = re.compile(rf"\b{_QUESTION_WORD}\b", re.IGNORECASE)
# An ask that points back ("bobotnya", "angka itu") or leaves out what it asks of ("berapa yang dicapai …").
_REFERS_BACK = re.compile(r"\b\w{3,}nya\b|\b(?:itu|tersebut|it|its|they|their)\b|\bberapa\s+yang\b", re.IGNORECASE)
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
# A region named after its level: "Kabupaten Blitar", "Kota Blitar", "Provinsi NTB".
PLACE = re.compile(
    r"\b((?i:kabupaten|kab\.?|kota|provinsi|prov\.?|kecamatan|desa))\s+((?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*)*)"
)
# "Kabupaten Pakpak Bharat dan Kota Blitar", "Kota A, Kota B, serta Kota C": what joins places named side by side.
_PLACE_JOIN = re.compile(r"\s*(?:,\s*(?:dan|serta|atau|maupun)?|\s(?:dan|serta|atau|maupun|and|or))\s*", re.IGNORECASE)
# "Pasal 5 ayat (2)", and in an English question "Article 5 paragraph (2)" or "Article 5(2)"
_PASAL = re.compile(
    r"\b(?:pasal|article)\s+(?P<pasal>\d+[a-z]?|[ivxlc]+)\b(?:(?:\s+(?:ayat|paragraph)\s*|(?=\())\(?\s*(?P<ayat>\d+)\s*\)?)?", re.IGNORECASE
)


@dataclass(frozen=True)
class QueryIntent:
    definition_term: str | None = None
    compared_terms: tuple[str, ...] = ()  # "Desentralisasi", "Dekonsentrasi" in "Apa beda Desentralisasi dan Dekonsentrasi?"
    documents: tuple[DocumentRef, ...] = ()
    pasal: str | None = None
    ayat: str | None = None
    part: str | None = None  # "penutup" or "pembukaan" when the question asks about enactment or grounds
    commencement: bool = False  # "Kapan ... mulai berlaku?": the Pasal saying so answers before the penutup's date
    time_limit: bool = False  # "Kapan laporan ... harus disampaikan?": answered by "paling lambat 3 (tiga) bulan ..."
    frequency: bool = False  # "Berapa kali audit ... dilakukan?": answered by "1 (satu) kali dalam 2 (dua) tahun"
    length: bool = False  # "Berapa lama masa jabatan …?": answered by "4 (empat) tahun"
    about_document: bool = False  # "Perbup Blitar 116/2022 itu tentang apa?": answered by its title
    sop_fields: tuple[str, ...] = ()  # "Peralatan/Perlengkapan" in "Peralatan apa yang dipakai dalam SOP ...?"
    topic: str = ""  # the question without the regulation it names: what the evidence must cover
    duty_subject: str | None = None  # "Sekretariat Dinas Kepemudaan" in "Apa tugas Sekretariat Dinas Kepemudaan?"
    duty_noun: str | None = None  # "tugas": what is asked of the duty subject, which decides the wording that states it
    acted_on: tuple[str, str] | None = None  # ("menetapkan", "Tim Asesor Internal") in "Siapa yang menetapkan Tim Asesor Internal?"
    list_subject: str | None = None  # "Objek audit keamanan SPBE" in "Objek audit keamanan SPBE apa saja?"
    penjelasan: bool = False  # "Penjelasan Pasal 5 ..." asks for the elucidation, not the article
    about_status: bool = False  # "Apa yang dicabut oleh ...?", "... masih berlaku?": amendments/revocations
    # The separate asks of a question that joins two or more ("Berapa … dan siapa …?"): each is searched and
    # quoted for itself.
    asks: tuple[Ask, ...] = ()

    @property
    def defined_terms(self) -> tuple[str, ...]:
        """The terms whose definitions answer the question: the compared ones, or the one asked about."""
        return self.compared_terms or ((self.definition_term,) if self.definition_term else ())


@dataclass(frozen=True)
class Ask:
    """One ask of a question joining several: as written, which the answer quotes for, and as searched, with
    what the rest of the question names (its regulation, years, the subject an "-nya" points back to)."""

    text: str
    search: str
    intent: QueryIntent  # of `text`
    search_intent: QueryIntent  # of `search`

    @classmethod
    def of(cls, text: str, search: str) -> Ask:
        intent = analyze(text, separate_asks=False)
        return cls(text, search, intent, intent if search == text else analyze(search, separate_asks=False))


def definition_term(question: str) -> str | None:
    text = " ".join(question.strip().split())
    for pattern in _DEFINITION_PATTERNS:
        match = pattern.match(text)
        if match:
            term = _without_qualifier(match.group("term")).strip(" “”\"'?")
            term = _without_qualifier(term).strip(" “”\"'?")
            if 2 <= len(term) <= 80 and len(term.split()) <= 8:
                return term
    return None


def compared_terms(question: str) -> tuple[str, ...]:
    """The two terms a "what is the difference" question compares, each as a definition names it:
    "Lingkup Privat" after "Penyelenggara Sistem Elektronik Lingkup Publik" is completed from it."""
    text = " ".join(question.strip().split())
    english = is_english(text)
    for pattern in _COMPARISON_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        first, second = (_without_qualifier(match.group(name)).strip(" “”\"'?") for name in ("a", "b"))
        terms = tuple(indonesian_term(term) if english else term for term in (first, _completed(first, second)))
        if all(2 <= len(term) <= 80 and len(term.split()) <= 8 for term in terms):
            return terms
    return ()


def _completed(first: str, second: str) -> str:
    """The second term with the head it shares with the first: "Lingkup Privat" → "Penyelenggara Sistem
    Elektronik Lingkup Privat"; "Aplikasi Khusus" and "Dekonsentrasi" stay as they are."""
    words, opening = first.split(), second.split()[0].lower() if second.split() else ""
    at = next((i for i, word in enumerate(words) if i and word.lower() == opening), None)
    return " ".join(words[:at] + second.split()) if at else second


def _without_qualifier(term: str) -> str:
    """'Badan Publik menurut UU 14/2008?' -> 'Badan Publik': the term before a qualifier or closing punctuation."""
    qualifier = _TERM_QUALIFIER.search(term)
    return term[: qualifier.start()] if qualifier else term.rstrip("?.!")


def asked_part(question: str) -> str | None:
    """'penutup' for "Kapan ... ditetapkan?", "... berlaku sejak kapan?", "Siapa yang menandatangani ...?",
    "... diundangkan dalam Berita Daerah nomor berapa?"; 'pembukaan' for "Apa dasar hukum ...?"; else None."""
    for line in question.split("\n"):
        when = _WHEN.search(line)
        if (when and _ENACTED.search(line, when.end())) or _ENACTED_WHEN.search(line) or _SIGNED_WHERE.search(line):
            return "penutup"
    return "pembukaan" if _GROUNDS.search(question) else None


def analyze(question: str, separate_asks: bool = True) -> QueryIntent:
    """Run once per question; the intent is passed on to retrieval and answer composition."""
    documents = tuple(ref for ref, _ in document_refs(question))
    pasal = _PASAL.search(question)
    term = definition_term(question)
    topic = REGULATION.sub(" ", question)
    about = bool(documents) and asks_about(topic)
    asks = tuple(Ask.of(text, search) for text, search in asks_of(question)) if separate_asks else ()
    part = "pembukaan" if about else asked_part(question)  # a regulation's title heads its pembukaan
    return QueryIntent(
        definition_term=(indonesian_term(term) if term and is_english(question) else term),
        compared_terms=compared_terms(question),
        documents=documents,
        pasal=pasal.group("pasal").upper() if pasal else None,
        ayat=pasal.group("ayat") if pasal and pasal.group("ayat") else None,
        part=part,
        commencement=part == "penutup" and bool(_COMMENCES.search(question)),
        time_limit=part is None and asks_time_limit(topic),
        frequency=part is None and asks_frequency(topic),
        length=part is None and not asks and asks_length(topic),  # one ask of several is ranked for itself
        about_document=about,
        sop_fields=sop_fields(topic),
        topic=topic,
        duty_noun=duty[0] if (duty := duty_subject(question)) else None,
        duty_subject=duty[1] if duty else None,
        list_subject=list_subject(topic),
        acted_on=acted_on(topic),
        penjelasan=bool(_PENJELASAN.search(question)),
        about_status=bool(_STATUS_QUESTION.search(question)),
        asks=asks,
    )


def asks_of(question: str) -> tuple[tuple[str, str], ...]:
    """The asks of "Berapa lama masa jabatan kepala daerah dan siapa yang melantik bupati?", one per clause with
    its own question word, or of "… Kabupaten Pakpak Bharat dan Kota Blitar?", one per place, each as
    (written, searched); () for a single ask.

    A clause or sentence with no question word ("Menurut UU 14/2008, kapan …", "Saya staf baru di Bappeda.")
    belongs to the ask after it, or to the last ask when none follows. An ask of fewer than two content
    words, or one pointing back ("bobotnya", "angka itu", "berapa yang dicapai …"), takes the words of the
    ask before it (its years and question words left out: they date and ask what that ask asks for); a
    later ask is searched with the regulations and years the whole question names ("…, dan apa predikatnya?" with the Evaluasi SPBE 2023 it
    is about)."""
    text = " ".join(question.split())
    if compared_terms(text):
        return ()
    asks: list[str] = []
    opening = ""
    for clause in (clause for sentence in split_sentences(text) for clause in _clauses(sentence)):
        if not _HAS_QUESTION_WORD.search(clause):  # a sentence without a question word
            opening = f"{opening} {clause}".strip()
            continue
        asks.append(f"{opening} {clause}".strip())
        opening = ""
    if opening and asks:
        asks[-1] = f"{asks[-1]} {opening}"
    asks = [item.strip(" ,;?") for ask in asks for item in _requested(ask)]
    if len(asks) > MAX_ASKS:  # each ask is one more search: a pasted list of questions is searched as a whole
        return ()
    if len(asks) < 2 or not all(tokenize(ask) for ask in asks):
        return tuple((ask, ask) for ask in _place_asks(text)[:MAX_ASKS])
    named = [*(match.group() for match in REGULATION.finditer(text)), *(match.group() for match in YEAR.finditer(text))]
    completed = [(asks[0], asks[0])]
    for before, ask in zip(asks, asks[1:]):
        if len(tokenize(ask)) < 2 or _REFERS_BACK.search(ask):  # what it points back to, not the year or question of that ask
            ask = " ".join(f"{ask} {_HAS_QUESTION_WORD.sub(' ', _undated(before))}".split())
        search = ask
        for name in dict.fromkeys(named):
            if name not in search:
                search = f"{search} {name}"
        completed.append((ask, search))
    return tuple(dict.fromkeys(completed))


def _clauses(sentence: str) -> list[str]:
    """A sentence cut before each clause that asks something of its own (`_NEXT_ASK`); a piece without a
    question word stays joined, by its own words, to the clause after it (to the one before when last)."""
    pieces, start = [], 0
    for join in _NEXT_ASK.finditer(sentence):
        pieces.append([sentence[start : join.start()], join.group()])
        start = join.end()
    pieces.append([sentence[start:], ""])
    clauses: list[list[str]] = []
    for piece in pieces:
        if clauses and not _HAS_QUESTION_WORD.search(clauses[-1][0]):
            clauses[-1] = [clauses[-1][0] + clauses[-1][1] + piece[0], piece[1]]
        else:
            clauses.append(piece)
    if len(clauses) > 1 and not _HAS_QUESTION_WORD.search(clauses[-1][0]):
        last = clauses.pop()
        clauses[-1] = [clauses[-1][0] + clauses[-1][1] + last[0], ""]
    return [clause.strip(" ,;?") for clause, _ in clauses if clause.strip(" ,;?")]


def _undated(text: str) -> str:
    """The text without its years, except those in the regulations it names ("Perbup 22/2019")."""
    named = [match.span() for match in REGULATION.finditer(text)]
    return YEAR.sub(lambda year: year.group() if any(start <= year.start() < end for start, end in named) else " ", text)


def _requested(ask: str) -> list[str]:
    """"Sebutkan baseline Indeks SPBE, catatan tentang instrumennya, serta arah kebijakannya": each thing an
    imperative lists after commas or "serta" is an ask of its own ("Sebutkan catatan …"), when each is a
    phrase of two content words or more; a list of single words ("Sebutkan asas A, B, dan C") is one ask."""
    request = _REQUEST.match(ask)
    if not request:
        return [ask]
    items = [item.strip(" ,") for item in _REQUEST_ITEMS.split(ask[request.end() :])]
    if len(items) < 2 or any(len(tokenize(item)) < 2 for item in items):
        return [ask]
    return [f"{request.group()}{item}" for item in items]


def _place_asks(text: str) -> tuple[str, ...]:
    """"Berapa indeks SPBE Kabupaten Pakpak Bharat dan Kota Blitar?" asks once per place: the question with each
    place of the first run of places named side by side in place of the run; () without such a run."""
    places = list(PLACE.finditer(text))
    run = places[:1]
    for place in places[1:]:
        join = _PLACE_JOIN.fullmatch(text, run[-1].end(), place.start())
        # "Kecamatan Wonotirto, Kabupaten Blitar" names where one place lies: a bare comma lists places of one level.
        if not join or (join.group().strip() == "," and _level(place) != _level(run[-1])):
            if len(run) > 1:
                break
            run = [place]
            continue
        run.append(place)
    if len(run) < 2:
        return ()
    before, after = text[: run[0].start()], text[run[-1].end() :]
    return tuple(dict.fromkeys(f"{before}{place.group()}{after}".strip(" ?") for place in run))


def _level(place: re.Match) -> str:
    return place.group(1).lower()[:3]  # "kab", "kot", "pro", "kec", "des": "Kab." and "Kabupaten" alike


def asks_time_limit(topic: str) -> bool:
    """"Kapan ... harus/wajib ...?" or "batas waktu ...": an obligation's due date."""
    when = _ASKS_WHEN.search(topic)
    return bool((when and _OBLIGED.search(topic, when.end())) or _ASKS_TIME_LIMIT.search(topic))


def asks_length(topic: str) -> bool:
    """"Berapa lama …?", "Dalam berapa hari kerja …?": how long something lasts or may take ("tiap berapa
    lama" asks how often)."""
    return bool(ASKS_LENGTH.search(topic)) and not asks_frequency(topic)


def asks_frequency(topic: str) -> bool:
    """"Berapa kali ...?", "Seberapa sering ...?": how often an act recurs."""
    return bool(ASKS_FREQUENCY.search(topic))


def asks_about(topic: str) -> bool:
    """Whether the question, without the regulation it names, only asks what that regulation is about."""
    words = set(_WORD.findall(topic.lower()))
    return bool(words & _ABOUT) and words <= _ABOUT | _ABOUT_FILLER


def sop_fields(topic: str) -> tuple[str, ...]:
    """The identity labels a question names: every word of the label, or of one of its alternatives
    ("Peralatan" of "Peralatan/Perlengkapan", "Pencatatan" of "Pencatatan dan Pendataan"), as written:
    the "kelengkapan" of a step is not the SOP's "perlengkapan", though both stem to "lengkap"."""
    asked = set(_WORD.findall(topic.lower()))
    return tuple(dict.fromkeys(
        name for _, name in IDENTITY_LABELS
        if any((words := set(_WORD.findall(part.lower()))) and words <= asked for part in re.split(r"/|\s+dan\s+", name))
    ))


def duty_subject(question: str) -> tuple[str, str] | None:
    """What a question asks of which subject: ("tujuan", "Rencana Induk SPBE") in "Apa tujuan Rencana
    Induk SPBE dalam Perbup Pakpak Bharat 34/2019?"."""
    question = " ".join(question.split())
    if asked := _RELATION_VERB_QUESTION.match(question):
        subject = asked.group("subject").rsplit(",", 1)[-1].strip()
        return (RELATION_VERBS[asked.group("verb").lower()], subject) if subject else None
    match = _DUTY_QUESTION.match(question)
    if not match:
        return None
    subject = _before(_DUTY_TAIL, match.group("subject"))
    noun = " ".join((match.group("noun") or match.group("duty")).lower().split())
    return ("tugas dan fungsi" if match.group("more") else noun, subject) if subject else None


def acted_on(topic: str) -> tuple[str, str] | None:
    """The verb and what it acts on of "Siapa yang <verb> <X> ...?", X up to its first qualifier."""
    match = _ACTOR_QUESTION.match(" ".join(topic.split()))
    if not match:
        return None
    acted = _before(_DUTY_TAIL, match.group("object"))
    return (match.group("verb").lower(), acted) if tokenize(acted) else None


def _before(qualifier: re.Pattern, phrase: str) -> str:
    """The phrase up to its first qualifier ("Bidang Kepemudaan di Dispora Blitar?" -> "Bidang Kepemudaan")."""
    found = qualifier.search(phrase)
    return (phrase[: found.start()] if found else phrase).strip(" ?")


def list_subject(topic: str) -> str | None:
    """What a list question asks to be enumerated, up to its first qualifier ("yang", "di", "menurut")."""
    text = " ".join(topic.split())
    for pattern in _LIST_SUBJECT:
        if match := pattern.match(text):
            subject = _before(_LIST_TAIL, match.group("subject"))
            return subject if tokenize(subject) else None
    return None


def duty_match(text: str, words: Sequence[str], noun: str = "tugas") -> int:
    """How many leading words of a body's name (lower case) the text assigns duties to, 0 if none.

    SOTK regulations write "Sekretariat mempunyai tugas" where the question names "Sekretariat Dinas
    Kepemudaan ...". One scan finds the duty wording; the words before each occurrence are then
    compared with the name, so the cost does not multiply by the name's length.
    """
    lowered = text.lower()
    wordings = [match.start() for match in RELATION_WORDINGS[noun].finditer(lowered)]
    if not wordings or not words:
        return 0
    tokens = [(match.end(), match.group()) for match in _TOKEN.finditer(lowered)]
    ends = [end for end, _ in tokens]
    positions: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        positions.setdefault(word, []).append(i)
    best = 0
    for wording in wordings:
        last = bisect_right(ends, wording) - 1  # the token right before the duty wording
        if last < 0:
            continue
        for end in {0, *positions.get(tokens[last][1], ())}:  # where in the name the token before the wording sits
            size = end + 1
            if size <= best or size > last + 1:
                continue
            first = last - end
            if all(tokens[first + i][1] == words[i] for i in range(1, size)) and _opens_name(tokens[first][1], words[0]):
                best = size
    return best


def _opens_name(token: str, word: str) -> bool:
    """The name's first word ends the token and starts a word there ('(sekretariat', not 'subsekretariat')."""
    return token.endswith(word) and not _WORD_CHARACTER.match(token[-len(word) - 1 : -len(word)] or " ")
