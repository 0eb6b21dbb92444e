"""The specific facts a question pins down, and whether the evidence states them.

"Berapa anggaran Smart City Kabupaten Blitar tahun 2022?" shares its topic with many passages that
never state an amount for 2022. Passages that only share the topic are no answer: before quoting,
the question's anchors — the year or period, the named region, and the kind of fact asked for (an
amount of money, a contact, a person's name, a count) — must be found together in one passage;
otherwise the answer refuses and lists the nearest passages (issue 14, item 7).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ingest.citations import JENIS_ALIASES, REGULATION
from ingest.legaltext import (
    BINDING,
    MONEY_WORDS,
    MONTHS,
    NUMBER_SCALES,
    NUMBER_WORDS,
    TIME_UNITS,
    bears_norm,
    find_norm,
    norm_actor,
    split_sentences,
    states_duration,
    states_frequency,
)
from ingest.lexical import borrowed_root, tokenize

from .expansion import ASKS_DURATION, is_english, provinces_spelled_out, vocabulary
from .query import ASKS_FREQUENCY, ASKS_LENGTH, PLACE, YEAR, asks_frequency

ANCHOR_KINDS = ("money", "contact", "person", "count", "frequency", "duration", "number", "sanction", "year", "reference", "date", "time")  # message keys anchor_<kind> name them
# The same in English, name first: "Blitar Regency", "Pakpak Bharat Regency", "Blitar City".
_PLACE_ENGLISH = re.compile(r"\b((?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*)*)\s+(Regency|City|Province|District|Village)\b")
_LEVEL = {
    "kab": "kabupaten", "kab.": "kabupaten", "prov": "provinsi", "prov.": "provinsi",
    "regency": "kabupaten", "city": "kota", "province": "provinsi", "district": "kecamatan", "village": "desa",
}
_ASKS_QUANTITY = re.compile(r"\b(?:se)?berapa\b|\bhow (?:much|many)\b|\bbesaran\b", re.IGNORECASE)
# What is paid to or by someone ("gaji pokok bupati", "besaran ganti rugi"): asked, only an amount answers it.
# Unlike MONEY_WORDS, a Rupiah figure in a passage is no stand-in for these words when ranking (expansion.py):
# it is as likely the figure of a budget line as of a salary.
_PAYMENT_WORDS = ("gaji", "tunjangan", "honorarium", "upah", "iuran", "retribusi", "kompensasi", r"ganti\s+rugi", "denda")
# What a money question says is paid ("besaran ganti rugi", "biaya per lembar", "tarif atau biaya"): the
# amount of another payment (a fine where compensation is asked, a budget line where a fee is) is no answer.
_PAID = re.compile(rf"\b(?:{'|'.join((*_PAYMENT_WORDS, 'biaya', 'tarif', 'pajak'))})\b", re.IGNORECASE)
# "tahun anggaran" is a fiscal year, not an amount.
_ASKS_MONEY = re.compile(
    rf"(?<!tahun\s)\b(?:{'|'.join((*MONEY_WORDS, *_PAYMENT_WORDS))}|rp|cost|costs|price|budget|fee|fees|salary|compensation)\b",
    re.IGNORECASE,
)
_ASKS_WHAT = re.compile(r"^\s*what\b", re.IGNORECASE)
# A contact is asked for when the question asks for a number or an address of a channel ("nomor telepon",
# "alamat website", "email address") or for a contact or address as such; a channel named as a topic
# ("Autentikasi website terdiri dari apa saja?") asks for no contact, one the question opens with does.
_CHANNEL = r"(?:telepon|telp|whatsapp|wa|hp|e-?mail|surel|(?:tele)?phone|website|situs\s+web)"
_ASKS_CONTACT = re.compile(
    rf"\b(?:nomor|no\.?|alamat|number)\s+(?:\w+\s+)?{_CHANNEL}\b|\b{_CHANNEL}\s+(?:number|address)\b|\b(?:kontak|contact|alamat|address)\b"
    rf"|^\W*(?:apa\s+)?{_CHANNEL}\b",  # "Email Diskominfo Blitar apa?"
    re.IGNORECASE,
)
# "Siapa yang menyusun ... alamat url ...?" asks who does something, not for an address.
_ASKS_ACTOR = re.compile(r"\W*(?:siapa\s+(?:yang|saja)|who\s+(?!is\s+the\s+contact))\b", re.IGNORECASE)
_ASKS_PERSON = re.compile(
    r"\bsiapa\s+nama\b|\bnama\s+(?:lengkap\s+)?(?:kepala|ketua|bupati|wali\s?kota|gubernur|menteri|pejabat|direktur|camat|lurah)\b"
    r"|\bwho\s+(?:is|was)\s+the\b|\bname\s+of\s+the\b",
    re.IGNORECASE,
)
# "Kapan server ... dipindahkan?": the answer says when that act happens, so a passage that never names
# the act (its verb's root: "pindah") is about the same things, not about when. Indonesian marks verbs
# with a prefix; a word whose root is itself ("dinas", "menteri") is no verb.
_ASKS_TIME = re.compile(r"\bkapan\b", re.IGNORECASE)
_ASKS_PERMISSION = re.compile(r"\bapakah\b.*?\b(?:wajib|mewajibkan|diwajibkan|harus|boleh|dilarang|melarang|berhak)\b", re.IGNORECASE)
_VERB = re.compile(r"\b(?:di|me|ber|ter)[a-z]{3,}\b", re.IGNORECASE)
_MEASURES = r"mbps|gbps|kbps|persentase|percentage|persen|percent|hektare|hektar|hectares?|km|kilometers?|meters?|ton|tons|kg|liters?"
# A figure asked in a unit of measure ("in Mbps", "dalam persen", "berapa persentase", "what percentage",
# "berapa menit"): only a figure in that unit answers it. "Berapa pekan" is not answered by "3 (tiga) tahun ke depan", a plan's period.
_ENGLISH_TIME_UNITS = {"years": "tahun", "months": "bulan", "weeks": "minggu", "days": "hari", "hours": "jam", "minutes": "menit"}
_ASKS_UNIT = re.compile(
    rf"\b(?:in|dalam(?:\s+satuan)?|what)\s+({_MEASURES})\b|\bberapa\s+({_MEASURES}|{'|'.join(TIME_UNITS)})\b"
    rf"|\bhow\s+many\s+(?:working\s+)?({'|'.join(_ENGLISH_TIME_UNITS)})\b",  # "How many years is the term …?": a length in years
    re.IGNORECASE,
)
# English and variant spellings → the unit as Indonesian documents write it.
_UNIT_FORMS = {
    "percent": "persen", "persentase": "persen", "percentage": "persen", "hektar": "hektare", "hectare": "hektare", "hectares": "hektare", "kilometer": "km",
    "kilometers": "km", "meters": "meter", "tons": "ton", "liters": "liter", "pekan": "minggu", **_ENGLISH_TIME_UNITS,
}
# "Berapa lama …?", "How long …?": only a length of time answers it ("paling lambat 14 (empat belas) hari");
# "paling sedikit 1 (satu) cakupan" or "Target: 2019 - 2020" in a passage on the same body is no answer.
# What a length of time is of: the noun phrase after "berapa lama" / "berapa hari (kerja)" ("masa jabatan
# anggota Ombudsman", "masa uji coba"), or, where that names only the length, the phrase after it
# ("paling lambat berapa jam setelah terjadinya insiden"). Indonesian puts the head first, so its first
# MEASURED_WORDS content words say what is measured ("jabatan anggota" of "masa jabatan anggota Ombudsman");
# a quote whose length is of something else (a reply deadline of the same Ombudsman) misses one of them, and
# so does a sibling's ("Peta Rencana SPBE … jangka waktu 5 (lima) tahun" for "Rencana Induk SPBE": every head
# word must be named; one of them sufficing answered 4 more unanswerable `tune` questions).
_PHRASE_END = re.compile(
    r"\b(?:yang|untuk|bagi|sebelum|sejak|setelah|sesudah|dari|di|pada|dalam|oleh|sampai|hingga|agar|supaya|menurut"
    r"|berdasarkan|sebagai|apabila|jika|ketika|dan|atau)\b|[,;:?]",
    re.IGNORECASE,
)
# A unit that points back to what it is of ("Masa sebagaimana dimaksud pada ayat (1)", "jabatan tersebut").
_POINTS_BACK = re.compile(r"\bsebagaimana\s+dimaksud\b|\btersebut\b", re.IGNORECASE)
# "Dalam berapa hari penyelenggara wajib membayar ganti rugi?": the act after the modal ("membayar ganti rugi")
# is what the length is of, not the actor before it: the same actor's 60 days to decide are no answer.
_MODAL = re.compile(r"\b(?:wajib|harus|perlu)\s+(?:sudah\s+)?", re.IGNORECASE)
MEASURED_WORDS = 2  # one (the head alone) refused nothing more on `tune` and lost a `test` answer
# "Dalam berapa hari kerja evaluasi tersebut harus diselesaikan/dituntaskan?": finishing is the length itself,
# not what it is of.
_LENGTH_WORDS = "masa waktu kesempatan jangka lama selesai diselesaikan tuntas menuntaskan maksimal maksimum paling lambat batas tenggat durasi periode sebuah seorang satu kali harus boleh wajib dibutuhkan diperlukan dimiliki proses tahap hari jam kerja"
# "Apa sanksi bagi …?": only a quote stating a sanction answers it, by the word or by the measure itself
# ("dikenai teguran tertulis", "dipidana dengan pidana penjara"); a provision on the same duty without one is
# no answer.
_ASKS_SANCTION = re.compile(r"\b(?:sanksi(?:nya)?|hukuman(?:nya)?|sanctions?|penalt(?:y|ies))\b", re.IGNORECASE)
_SANCTION = re.compile(
    r"\bsanksi|\bdenda|\bpidana|\bpenjara|\bkurungan|\bteguran|\bperingatan\s+tertulis|\bpemberhentian|\bdiberhentikan"
    r"|\bpencabutan|\bdicabut|\bpembekuan|\bdibekukan|\bpenghentian\s+sementara|\bganti\s+rugi|\bpembinaan\s+khusus",
    re.IGNORECASE,
)
# "Pasal berapa …?" asks where, not a figure; "Tahun berapa … ditetapkan?" asks a year, which "pada tahun
# 2019" states though a reference number is no figure. ("Nomor berapa …?" stays a figure: as a place to look
# it answered a `tune` question about a regulation the index lacks with another regulation's number.)
_ASKS_REFERENCE = re.compile(r"\b(?:pasal|ayat|huruf|bab|bagian|paragraf|lampiran)\s+(?:ke\s*-?\s*)?berapa\b", re.IGNORECASE)
# "Perbup nomor berapa yang mengatur X?": a regulation's number, which only a quoted reference to a
# regulation about X states ("Peraturan Bupati Nomor 44 Tahun 2022 tentang <another subject>" is none).
_ASKS_REGULATION_NUMBER = re.compile(r"\bnomor\s+berapa\b|\bberapa\s+nomor(?:nya)?\b", re.IGNORECASE)
_NAMES_REGULATION = re.compile(r"\b(?:" + "|".join(f"(?:{alias})" for alias in JENIS_ALIASES) + r")\b", re.IGNORECASE)  # not "indikator nomor berapa"
_REGULATED = re.compile(r"\b(?:mengatur|tentang|mengenai|terkait)\s+", re.IGNORECASE)
_NUMBERED = re.compile(r"\b(?:nomor|no\.)\s*:?\s*[\w./-]*\d", re.IGNORECASE)
# "Tanggal berapa …?", "Pada bulan apa …?": only a quote naming a day or a month answers it ("1 Januari 2021",
# "12-10-2021", "paling lambat tanggal 10 setiap bulan").
_ASKS_DATE = re.compile(r"\btanggal\s+(?:berapa|apa)\b|\bbulan\s+apa\b|\b(?:what|which)\s+(?:date|day|month)\b", re.IGNORECASE)
_DATE = re.compile(
    rf"\b(?:{'|'.join(MONTHS)}|january|february|march|may|june|july|august|october|december)\b|\b\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)?\d\d\b|\btanggal\s+\d{{1,2}}\b",
    re.IGNORECASE,
)
_ASKS_YEAR = re.compile(r"\btahun\s+(?:ke\s*-?\s*)?berapa\b|\b(?:what|which)\s+year\b", re.IGNORECASE)
_ASKS_COUNT = re.compile(r"\b(?:berapa\s+(?:jumlah|banyak)|jumlah|how\s+many)\s+(?P<noun>[\w-]+)", re.IGNORECASE)
# "Berapa jumlah kepala daerah yang pernah diberhentikan …?": a count of what has happened, which only a
# figure counting those very things states ("32 Pemerintah Provinsi", "Jumlah instansi: 621"); the rule's
# "2 (dua) kali" or "3 (tiga) bulan" beside it counts something else.
_ASKS_REALISED = re.compile(r"\b(?:pernah|sudah|telah|(?:have|has)\s+(?:been|ever)|so\s+far)\b", re.IGNORECASE)
# "Berapa provinsi yang sudah membentuk …?", "Ada berapa IPPD yang telah …?": the counted noun right after
# "berapa", then the clause of what has happened (a few words of the noun phrase between).
_ASKS_REALISED_COUNT = re.compile(r"\bberapa\s+(?P<noun>[\w/-]+)(?:\s+[\w/-]+){0,4}?\s+yang\s+(?:sudah|telah|pernah)\b", re.IGNORECASE)
COUNTED_WINDOW = 3  # words between a figure and the counted noun
_PRINTED_WORD = re.compile(r"[^\W_]+")

_MONEY = re.compile(r"\bRp\s?\.?\s?\d|\d[\d.,]*\s*(?:ribu|juta|miliar|milyar|triliun)\b|\brupiah\b", re.IGNORECASE)
# A contact: an e-mail address, a telephone number, a web address, or a street address ("Jalan Ahmad Yani").
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|\(?\b0\d{2,3}\)?[\s-]?\d{3,}|\+62\s?\d|https?://|\bwww\.|\b(?:jalan|jln?\.)\s+(?-i:[A-Z])", re.IGNORECASE)
# Officials are named with academic titles or an NIP; a signature block prints the name after "ttd".
_PERSON = re.compile(
    r"\b(?:Dr|Drs|Dra|Ir|Prof|Hj?)\.\s*[A-Z]|,\s*(?:S|M|Dr)\.\s?[A-Z][A-Za-z]{0,4}\.|\bNIP\.?\s*\d|\bttd\.?\s+[A-Z]{3,}"
)
# Numbers that point somewhere (Pasal 34, ayat (1), huruf b, Nomor 22 Tahun 2019, list markers, "; dan 2." too) count nothing.
_REFERENCE_NUMBER = re.compile(
    r"\b(?:pasal|ayat|huruf|angka|nomor|no\.|tahun|bab|bagian|paragraf|lampiran)\s*\(?[\w.]+\)?"
    r"|(?:^|(?<=[:;.]\s)|(?<=[:;]\sdan\s)|(?<=[:;]\satau\s)|(?<=\sdan/atau\s))\(?\d{1,3}[.)](?=\s)|\(\d{1,3}\)",
    re.IGNORECASE | re.MULTILINE,
)
# Number words in idioms that state no figure: "salah satu faktor", "satu-satunya", "satu sama lain".
_IDIOM_NUMBER = re.compile(r"\bsalah\s+satu\b|\bsatu-satunya\b|\bsatu\s+sama\s+lain\b", re.IGNORECASE)
_COUNT_VALUE = re.compile(rf"\d|\b(?:{'|'.join(NUMBER_WORDS)})\b|(?:{'|'.join(NUMBER_SCALES)})\b", re.IGNORECASE)


# The levels of government a body is qualified by ("Komisi Informasi provinsi", "Pemerintah Kabupaten",
# "Kepala Desa"): a quote that names the asked body only at another level ("Komisi Informasi Pusat harus
# sudah dibentuk …" for the kabupaten/kota one) states the fact of a sibling body. "daerah" is any region
# below the centre.
_LEVELS = {
    "pusat": {"pusat"}, "nasional": {"pusat"}, "provinsi": {"provinsi"}, "kabupaten": {"kabupaten"}, "kota": {"kota"},
    "daerah": {"provinsi", "kabupaten", "kota"}, "desa": {"desa"}, "kelurahan": {"kelurahan"}, "kecamatan": {"kecamatan"},
}


@dataclass(frozen=True)
class Anchors:
    years: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # "kota blitar": level and name, lowercased
    kind: str | None = None  # one of ANCHOR_KINDS; "number" is any other figure: a score, a percentage
    counted: tuple[str, ...] = ()  # stemmed tokens of what a count question counts ("pegawai")
    unit: str | None = None  # the unit of measure a figure is asked in ("mbps", "persen")
    realised: bool = False  # a count of what has happened: the figure must stand by the counted noun
    acts: tuple[str, ...] = ()  # the verbs of the act a "Kapan ...?" or "Apakah … wajib …?" question asks about ("dipindahkan")
    measured: tuple[str, ...] = ()  # stemmed head words of what an asked length or frequency is of ("jabat", "anggota")
    regulates: tuple[str, ...] = ()  # stemmed head words of what a regulation asked for by number is about ("spbe")
    paid: tuple[tuple[str, ...], ...] = ()  # the stemmed payments a money question names, any of which answers it

    def __bool__(self) -> bool:
        return bool(self.years or self.places or self.kind or self.acts)


def asked_years(topic: str) -> tuple[str, ...]:
    """The years a question's topic names ("… tahun 2022", "Evaluasi SPBE 2024"), in order."""
    return tuple(dict.fromkeys(YEAR.findall(topic)))


def anchors_of(topic: str) -> Anchors:
    """The anchors of a question's topic (the question without the regulation it names)."""
    named = PLACE.findall(topic) + [(level, name) for name, level in _english_places(topic)]
    places = tuple(dict.fromkeys(_normalized(f"{_LEVEL.get(level.lower(), level.lower())} {name}") for level, name in named))
    kind, counted = None, ()
    asking = _ASKS_REFERENCE.sub(" ", _ASKS_YEAR.sub(" tahun ", topic))  # "berapa" that asks for no figure left out
    if _ASKS_PERSON.search(asking):
        kind = "person"
    elif _ASKS_CONTACT.search(asking) and not _ASKS_ACTOR.match(asking):
        kind = "contact"
    elif _ASKS_REGULATION_NUMBER.search(asking) and _NAMES_REGULATION.search(asking):
        kind = "reference"
    elif _ASKS_DATE.search(asking):
        kind = "date"
    elif asks_frequency(asking):
        kind = "frequency"  # "Seberapa sering ...?", "tiap berapa lama": "setiap semester", "2 (dua) kali setahun"
    elif ASKS_DURATION.search(asking) and not _ASKS_UNIT.search(asking):
        kind = "duration"  # "Berapa lama … setelah tahun anggaran berakhir?" asks no amount
    elif _ASKS_UNIT.search(asking):
        kind = "number"  # "berapa persen anggaran", "berapa hari … referensi harga": a figure in that unit
    elif (count := _asked_count(asking)) and not _ASKS_MONEY.fullmatch(count.group("noun")):
        kind, counted = "count", tuple(tokenize(count.group("noun")))  # "berapa jumlah desa penerima dana desa"
    elif (_ASKS_QUANTITY.search(asking) or _ASKS_WHAT.search(asking)) and _ASKS_MONEY.search(asking):
        kind = "money"  # "What fee does BSSN charge …?" asks an amount as "how much" does
    elif _ASKS_QUANTITY.search(asking):
        kind = "number"  # "berapa nilai indeks ...": a quote without any figure does not answer it
    elif _ASKS_SANCTION.search(asking):
        kind = "sanction"
    elif _ASKS_YEAR.search(topic):
        kind = "year"
    elif _ASKS_TIME.search(asking):
        kind = "time"  # "Kapan …?": a moment, a limit, an event it follows or a condition, not a manner
    asked = [next(form for form in match.groups() if form).lower() for match in _ASKS_UNIT.finditer(asking)]
    unit = next((_UNIT_FORMS.get(form, form) for form in asked), None) if kind == "number" else None
    realised = kind == "count" and bool(counted) and bool(_ASKS_REALISED.search(asking))
    measured = _measured(topic) if kind == "duration" or unit in TIME_UNITS else _recurring(topic) if kind == "frequency" else ()
    regulates = _regulated(topic) if kind == "reference" else ()
    paid = tuple(dict.fromkeys(tuple(tokenize(named)) for named in _PAID.findall(topic))) if kind == "money" and not is_english(topic) else ()
    return Anchors(asked_years(topic), places, kind, counted, unit, realised, _acts(topic), measured, regulates, paid)


def _asked_count(asking: str) -> re.Match | None:
    """What a count question counts; "jumlah X" asks for the count only beside a word asking a quantity
    ("Jumlah anggota … ada berapa?"), not in "Di mana diatur jumlah …?" or "jumlah … ditetapkan oleh siapa?"."""
    count = _ASKS_COUNT.search(asking) or _ASKS_REALISED_COUNT.search(asking)
    if count and count.group().lower().startswith("jumlah") and not _ASKS_QUANTITY.search(asking):
        return None
    return count


def _regulated(topic: str) -> tuple[str, ...]:
    """The head words of what the regulation asked for is about ("… yang mengatur penyelenggaraan SPBE …")."""
    about = _REGULATED.search(topic)
    return tuple(_opening_phrase(topic[about.end() :])[0][:MEASURED_WORDS]) if about else ()


def _measured(topic: str) -> tuple[str, ...]:
    """The head words of what a "Berapa lama …?" question measures (`ASKS_LENGTH`); none in English,
    whose word order differs."""
    asked = ASKS_LENGTH.search(topic)
    if not asked or is_english(topic):
        return ()
    rest = topic[asked.end() :]
    if act := _act_after_modal(rest):
        return act  # "… penyelenggara wajib membayar ganti rugi": the length is of the act
    for _ in range(2):  # the phrase after the length, else the one after that within the sentence
        words, end = _opening_phrase(rest, _length_words())
        if words or not end or end.group() == "?":  # "Ancamannya paling lama berapa tahun? Terus …": named before
            return tuple(words[:MEASURED_WORDS])
        rest = rest[end.end() :]
    return ()


def _recurring(topic: str) -> tuple[str, ...]:
    """The head words of the act a "Berapa kali setahun … wajib menggelar rapat?" question asks the
    frequency of: a provision whose frequency is of another act (an audit "paling sedikit 1 (satu) kali
    dalam 2 (dua) tahun") is no answer. None without a modal after the question words ("… yang wajib
    dilakukan penyelenggara … berapa kali?" names the act in a clause of its subject), or in English."""
    asked = ASKS_FREQUENCY.search(topic)
    return () if not asked or is_english(topic) else _act_after_modal(topic[asked.end() :])


def _act_after_modal(text: str) -> tuple[str, ...]:
    """The head words of the act after "wajib/harus/perlu" ("membayar ganti rugi"), without length words."""
    modal = _MODAL.search(text)
    return tuple(_opening_phrase(text[modal.end() :], _length_words())[0][:MEASURED_WORDS]) if modal else ()


@lru_cache(maxsize=1)
def _length_words() -> frozenset[str]:
    """The stems of `_LENGTH_WORDS`, once (tokenizing loads the stop words)."""
    return frozenset(tokenize(_LENGTH_WORDS))


def _opening_phrase(text: str, skipped: frozenset[str] = frozenset()) -> tuple[list[str], re.Match | None]:
    """The content words of the phrase `text` opens with (up to `_PHRASE_END`, which is returned too),
    without the `skipped` ones; Indonesian puts a phrase's head first."""
    end = _PHRASE_END.search(text)
    return [word for word in tokenize(text[: end.start()] if end else text) if word not in skipped], end


def _acts(topic: str) -> tuple[str, ...]:
    """The prefixed verbs of a "Kapan ...?" question whose root is a content word: "dibangun" (bangun),
    not "diadakan" (ada, a stopword) or "dinas"; of an "Apakah … wajib/boleh …?" question, the verbs after
    the modal ("mengasuransikan"), which a provision allowing or obliging that act names."""
    if permission := _ASKS_PERMISSION.search(topic):
        topic = topic[permission.end() :]
    elif not _ASKS_TIME.search(topic):
        return ()
    return tuple(word.lower() for word in _VERB.findall(topic) if (root := tokenize(word)) and root != [word.lower()])


def _english_places(topic: str) -> list[tuple[str, str]]:
    """(name, level) of "Blitar Regency" in an English question; "Smart City" is a concept, not a place:
    a name made of English words is none."""
    if not is_english(topic):
        return []
    return [(name, level) for name, level in _PLACE_ENGLISH.findall(topic) if not any((word.lower(),) in vocabulary() for word in name.split())]


def _normalized(text: str) -> str:
    """Lower case, single spaces, levels and provinces written out: how a place is compared."""
    return _levels_spelled_out(provinces_spelled_out(" ".join(text.lower().split())))


def _levels_spelled_out(text: str) -> str:
    """"Kab. Blitar" → "kabupaten Blitar", "Prov." → "provinsi": the level as the other spellings write it."""
    return re.sub(r"\b(kab|prov)\.?\s", lambda m: _LEVEL[m.group(1).lower()] + " ", text, flags=re.IGNORECASE)


def states_number(unit: str) -> bool:
    """Whether a unit states a number other than a reference (Pasal 34, ayat (1), a list marker) or an idiom."""
    return bool(_COUNT_VALUE.search(_IDIOM_NUMBER.sub(" ", _REFERENCE_NUMBER.sub(" ", unit))))


# The words that ask for the kind of fact ("Siapa nama …", "Berapa jumlah …", "nomor telepon", "nilai indeks",
# "berapa kali"): not what the fact is of, so a quote need not share them, as it need not share the region.
_KIND_TERMS = set(tokenize("nama jumlah nomor alamat nilai besaran kali"))


def anchor_terms(anchors: Anchors) -> set[str]:
    """The tokens of the region and year anchors ("kabupaten", "blitar", "tahun", "2019"): they say
    where and when, not what the figure asked for is of."""
    return set(tokenize(" ".join([*anchors.places, *(f"tahun {year}" for year in anchors.years)])))


def answers_kind(
    anchors: Anchors, unit: str, asked: set[str], present: Callable[[set[str]], set[str]] = lambda tokens: tokens,
    passage: str = "", header: str = "",
) -> bool:
    """The unit holds the kind of fact asked for and names what it is of (a question term besides its
    region and year): "7 daerah blankspot di Kabupaten Blitar" holds a figure, but none of "nilai indeks
    SPBE Kabupaten Blitar"; a length of time or a frequency names every head word of what it measures
    (`_measured`, `_recurring`) in the unit, in its `passage` when the unit points back for them
    (`_points_back_for`), or else in the passage's `header` (its document's title names what all its
    provisions are of). `present` adds the question terms a form in the unit stands for (an abbreviation
    spelled out: assistant/expansion.py)."""
    about = asked - anchor_terms(anchors) - _KIND_TERMS
    said = present(set(tokenize(unit)))
    # "Laporan sebagaimana dimaksud pada ayat (1) disampaikan paling lambat …": a unit that points back may
    # leave what it measures to its passage; one that does not names it itself or by its document's title.
    around = present(set(tokenize(passage if _points_back_for(anchors.measured, unit, said) else header)))
    # "dilakukan reviu" names "direviu"
    measures = not anchors.measured or {borrowed_root(word) for word in anchors.measured} <= {borrowed_root(word) for word in said | around}
    regulates = not anchors.regulates or bool(set(anchors.regulates) & said)  # the quoted reference's own title
    pays = not anchors.paid or any(set(payment) <= said for payment in anchors.paid)
    return holds_kind(anchors, unit) and (not about or bool(about & said)) and measures and regulates and pays


def _points_back_for(measured: tuple[str, ...], unit: str, said: set[str]) -> bool:
    """Whether a unit leaves what its length measures to the provision it points back to: it names part
    of it itself ("Laporan sebagaimana dimaksud pada ayat (1)"), or what it points back to is a length
    ("Masa sebagaimana dimaksud", "jangka waktu tersebut"). "Referensi harga sebagaimana dimaksud" is a
    length of a price reference, whatever its passage is about."""
    pointer = _POINTS_BACK.search(unit)
    if not pointer:
        return False
    head = [word for word in _PRINTED_WORD.findall(unit[: pointer.start()]) if not word.isdigit()][-2:]  # no "(2)"
    return bool(set(measured) & said) or bool(head) and set(tokenize(" ".join(head))) <= _length_words()


# How a provision says when something happens without a date or a length: relative to an event ("setelah
# ditetapkan", "sebelum pekerjaan dimulai", "pada saat"), under a condition ("dalam hal", "apabila"), at a
# recurring time or stage ("setiap triwulan", "pada tahap perencanaan"). "Maklumat pelayanan wajib
# dipublikasikan secara jelas dan luas" says how, not when.
_WHEN = re.compile(
    r"\b(?:sebelum|setelah|sesudah|sejak|semenjak|sampai|hingga|saat|ketika|selama|sewaktu(?:-waktu)?|setiap|tiap"
    r"|berkala|bersamaan|mulai|segera|dalam\s+hal|apabila|jika|bila|manakala|triwulan|semester|tahunan|bulanan"
    r"|mingguan|harian|periode|tahap|pada\s+(?:waktu|tanggal|tahun|bulan|hari|minggu|akhir|awal|masa))\b",
    re.IGNORECASE,
)


def states_when(unit: str) -> bool:
    """Whether a unit says when something happens: a date, a year, a length or limit, how often, or `_WHEN`."""
    return bool(_WHEN.search(unit) or _DATE.search(unit) or YEAR.search(unit)) or states_duration(unit) or states_frequency(unit)


def holds_kind(anchors: Anchors, unit: str) -> bool:
    """Whether a unit states the kind of fact asked for."""
    if anchors.kind == "money":
        return bool(_MONEY.search(unit))
    if anchors.kind == "contact":
        return bool(_CONTACT.search(unit))
    if anchors.kind == "person":
        return bool(_PERSON.search(unit))
    if anchors.kind == "frequency":
        return states_frequency(unit)
    if anchors.kind == "duration":
        return states_duration(unit)
    if anchors.kind == "sanction":
        return bool(_SANCTION.search(unit))
    if anchors.kind == "date":
        return bool(_DATE.search(unit))
    if anchors.kind == "year":
        return bool(YEAR.search(unit))
    if anchors.kind == "time":
        return states_when(unit)
    if anchors.kind == "reference":
        return bool(REGULATION.search(unit) or _NUMBERED.search(unit))
    if anchors.realised:
        return _counts(anchors.counted, unit)
    if anchors.kind in ("count", "number"):
        return states_number(unit) and (anchors.unit is None or _states_unit(anchors.unit, unit))
    return True


def _counts(counted: tuple[str, ...], unit: str) -> bool:
    """A figure (not a year, not a reference such as "ayat (1)") within COUNTED_WINDOW printed words of
    the counted noun."""
    words = _PRINTED_WORD.findall(_IDIOM_NUMBER.sub(" ", _REFERENCE_NUMBER.sub(" ", unit)).lower())
    stems = [next(iter(tokenize(word)), None) for word in words]
    figures = [i for i, word in enumerate(words) if (word.isdigit() or _COUNT_VALUE.fullmatch(word)) and not YEAR.fullmatch(word)]
    return any(set(counted) & set(stems[max(0, i - COUNTED_WINDOW) : i + COUNTED_WINDOW + 1]) for i in figures)


def _states_unit(asked: str, text: str) -> bool:
    """A figure followed by the asked unit or a form of it ("10 Mbps", "75,5%", "20 persen",
    "24 (dua puluh empat) jam"), or a table cell under a header in that unit ("Bobot (%): 12,00"), or a row
    whose unit column names it ("Satuan: Persen; Target 2025: 70")."""
    forms = [asked, *(form for form, same in _UNIT_FORMS.items() if same == asked)]
    unit_forms = "|".join(re.escape(form) for form in ([*forms, "%"] if asked == "persen" else forms))
    stated = rf"(?:{_COUNT_VALUE.pattern})\s*(?:\([^)]*\)\s*)?(?:{unit_forms})(?!\w)"
    headed = rf"(?<!\w)(?:{unit_forms})\)?:\s*\d"
    in_unit_column = re.search(rf"\bsatuan[^:;]*:\s*(?:{unit_forms})(?!\w)", text, re.IGNORECASE) and re.search(r"\d", text)
    return bool(re.search(f"{stated}|{headed}", text, re.IGNORECASE) or in_unit_column)


def missing(anchors: Anchors, context: str, units: list[str], known: Callable[[str], bool] | None = None) -> list[str]:
    """The anchors a passage lacks: `context` is its document title, header and text (with the parts of
    the same section around it: a table's column years head the part before), `units` its quotable units.

    `known` tells whether the corpus uses a term: a counted noun it never uses (an English word)
    cannot be required to appear."""
    text = _normalized(context)
    # "Peraturan ... Nomor 5 Tahun 2020" names a regulation, not a period
    dated = REGULATION.sub(" ", context) if anchors.years else ""
    absent = [year for year in anchors.years if year not in dated]
    absent += [place.title() for place in anchors.places if place not in text]
    counted = [token for token in anchors.counted if known is None or known(token)]
    if anchors.kind and (
        not any(holds_kind(anchors, unit) for unit in units) or not set(counted) <= set(tokenize(context))
    ):
        absent.append(anchors.kind)
    return absent


@dataclass(frozen=True)
class AskedLevels:
    """The levels of government a question names: those qualifying a word ("Komisi Informasi
    kabupaten/kota": "informasi"), those standing alone ("Pusat dan provinsi"), and its words."""

    qualified: dict[str, frozenset[str]]
    free: frozenset[str]
    words: frozenset[str]

    def wanted(self, word: str) -> frozenset[str]:
        """The levels a quote may name `word` at: as the question qualifies it, else any level it names."""
        return self.qualified.get(word, frozenset().union(*self.qualified.values())) | self.free


def _level_runs(text: str) -> list[tuple[str | None, frozenset[str], bool]]:
    """(the word a run of level words qualifies, or None after a stop word or at the start; the levels;
    whether a capitalised name follows: "di Kabupaten Pakpak Bharat" is a place, no level asked)."""
    words = _PRINTED_WORD.findall(_levels_spelled_out(text))
    lowered = [word.lower() for word in words]
    runs, i = [], 0
    while i < len(words):
        if lowered[i] not in _LEVELS:
            i += 1
            continue
        run = list(itertools.takewhile(_LEVELS.__contains__, lowered[i:]))
        before = lowered[i - 1] if i else ""
        after = words[i + len(run)] if i + len(run) < len(words) else ""
        levels = frozenset().union(*(_LEVELS[word] for word in run))
        runs.append((before if before and tokenize(before) else None, levels, after[:1].isupper()))
        i += len(run)
    return runs


def asked_levels(topic: str) -> AskedLevels | None:
    """The levels of government a question names, or None when it names none (a place such as "di Kabupaten
    Blitar" is the region anchor's, not a level)."""
    qualified: dict[str, frozenset[str]] = {}
    free: set[str] = set()
    for word, levels, names_place in _level_runs(topic):
        if word is not None:
            qualified[word] = qualified.get(word, frozenset()) | levels
        elif not names_place:
            free |= levels
    if not qualified and not free:
        return None
    return AskedLevels(qualified, frozenset(free), frozenset(w.lower() for w in _PRINTED_WORD.findall(topic) if tokenize(w)))


def other_level(asked: AskedLevels, unit: str) -> bool:
    """Whether the unit names a word of the question qualified only by levels the question does not ask
    for, and names none of those it does: "Komisi Informasi Pusat harus sudah dibentuk …" asked of the
    kabupaten/kota one, "Rencana Induk SPBE Nasional" asked of a province's."""
    runs = _level_runs(unit)
    named = {level for _, levels, _ in runs for level in levels}
    return any(
        word in asked.words and not levels & asked.wanted(word) and not named & asked.wanted(word)
        for word, levels, _ in runs if word is not None
    )


def names_act(anchors: Anchors, context: str) -> bool:
    """Whether a passage's context names the act a "Kapan ...?" question asks about, by the root of any
    of its verbs ("dipindahkan" by "pemindahan")."""
    roots = {root for act in anchors.acts for root in tokenize(act)}
    # only an affixed word names an act: "Aplikasi Umum" does not name "diumumkan", "pengumuman" does
    words = {word.lower() for word in _PRINTED_WORD.findall(context)}  # each word stemmed once
    return any(root in roots and root != word for word in words for root in tokenize(word))


# The actor a question binds ("Dalam berapa hari Presiden harus memutus …?": "Presiden") is written after
# its question phrase; a pronoun or a circumstance ("sebelum pekerjaan dimulai") names no one.
_QUESTION_PHRASE = re.compile(
    r"\b(?:berapa|kapan|apakah|siapa|bagaimana|mana)\b(?:\s+(?:lama|kali|sering|hari|jam|bulan|tahun|minggu|kerja|dalam|setahun|sekali|sebelumnya))*",
    re.IGNORECASE,
)
_PASSIVE_ACT = re.compile(r"(?:[a-z]+\s+)?di[a-z]{3,}\b")  # "harus selesai dibangun", "wajib diumumkan"
_ACRONYM = re.compile(r"[A-Z]{2,6}")  # "PSE", "BSSN": an actor named by its initials
_PRONOUN = frozenset("dia ia mereka kami kita saya anda itu tersebut beliau".split())


def asked_actor(topic: str) -> tuple[str, ...]:
    """The stemmed words of the actor a question binds by a norm word to an act ("BSSN wajib menerbitkan …";
    an acronym lowercased), or () when it names none: a passive "harus selesai dibangun" asks of a thing."""
    norm = find_norm(topic)
    if norm is None or _PASSIVE_ACT.match(topic[norm[1].end() :].lstrip()):
        return ()
    clause = re.split(r"[,;:]\s*", topic[: norm[1].start()])[-1]
    phrases = list(_QUESTION_PHRASE.finditer(clause))
    asked = (clause[phrases[-1].end() :] if phrases else clause).strip() + " " + topic[norm[1].start() :]
    norm = find_norm(asked)
    actor = norm_actor(asked, norm[1]) if norm else ""
    words = actor.split()
    if not words or words[0].lower() in _PRONOUN or not bears_norm(actor) or re.match(r"(?:sebelum|setelah|sesudah|sejak)\b", actor, re.IGNORECASE):
        return ()
    return (actor.lower(),) if _ACRONYM.fullmatch(actor) else tuple(tokenize(actor))


def bound_actors(unit: str) -> list[str]:
    """The actor each sentence of a unit binds and names (written before its binding word, or the agent
    after "oleh")."""
    found = []
    for sentence in split_sentences(unit):
        named = next((named for binding in BINDING.finditer(sentence) if (named := norm_actor(sentence, binding))), "")
        if named:
            found.append(named)
    return found


def other_actor(actor: tuple[str, ...], units: list[str], present: Callable[[set[str]], set[str]]) -> bool:
    """Whether the quotes bind actors and none of them is the asked one: "gubernur dapat mengajukan keberatan
    kepada Presiden paling lambat 14 Hari" asked of the President's decision."""
    bound = [named for unit in units for named in bound_actors(unit)]
    return bool(bound) and not any(set(actor) & (present(set(tokenize(named))) | {_initials(named)}) for named in bound)


def _initials(name: str) -> str:
    """"Penyelenggara Sistem Elektronik" → "pse": how an acronym in a question names a body written out."""
    return "".join(word[0] for word in name.lower().split() if word not in ("dan", "atau", "yang"))


# A unit, team, domain or application a question names by a proper name ("Seksi Statistik Sektoral",
# "Domain Manajemen SPBE", "Tim Koordinasi SPBE"), up to the body or region it belongs to. A document that
# has it names it so, perhaps with a number after the kind ("Aspek 5 Penerapan Manajemen SPBE") or "Sub
# Bagian" in one word, or with an outline code for the kind ("A.6 Audit"); quotes from documents that never
# name it are about its siblings.
_UNIT_KIND = r"(?:Sub\s*[Bb]agian|Sub\s*[Bb]idang|Seksi|Bidang|Bagian|UPT|Unit|Domain|Aspek|Indikator|Tim|Komite|Satuan\s+Tugas|Satgas|Kelompok\s+Kerja|Pokja|Layanan|Aplikasi)"
# Where the name ends: the region, level or body it belongs to; a dinas by its short name too ("Diskominfo",
# "Dispora", "Dinkes").
_OWNER = r"(?:Kabupaten|Kota|Provinsi|Pemerintah|Dinas|Di[sn][a-z]{2,}|Badan|Kementerian|Kab|Prov|Pada|Di|Nasional|Daerah|Pusat|Instansi|Indonesia|Republik)\b"
# A report's table may print an outline code for the kind: "A.6 Audit" for "Aspek Audit", "D.2 Tata Kelola".
_OUTLINE_CODE = r"\b[A-Z]{1,3}\.\d+(?:\.\d+)*"
_APART = r"[\W_]+"  # words apart by spaces, line breaks or a table's cell border ("Aspek 5 | Penerapan …")
_NAMED_UNIT = re.compile(rf"\b(?P<kind>{_UNIT_KIND})(?P<name>(?:\s+(?!{_OWNER})[A-Z][\w/]*)+)")


def named_units(topic: str) -> list[tuple[str, re.Pattern]]:
    """(as asked, pattern) of each unit an Indonesian question names by a proper name."""
    if is_english(topic):
        return []
    named = []
    for match in _NAMED_UNIT.finditer(topic):
        words = match.group("kind").lower().split()
        kind = r"sub[\W_]*" + "".join(words)[3:] if words[0].startswith("sub") else _APART.join(words)
        name = _APART.join(map(re.escape, match.group("name").split()))
        pattern = re.compile(rf"(?:\b{kind}{_APART}(?:(?:\d+|[IVX]+){_APART})?|{_OUTLINE_CODE}{_APART}){name}\b", re.IGNORECASE)
        named.append((match.group().strip(), pattern))
    return named
