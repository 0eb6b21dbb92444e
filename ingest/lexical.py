"""Indonesian lexical index: Sastrawi stemming + stopwords, BM25 (bm25s) persisted on disk.

Legal questions hinge on exact words ("wajib", "14 hari kerja", "Pasal 7"), which dense models blur;
BM25 over stemmed tokens catches them. Stems are memoised because Sastrawi is slow per word and a
corpus repeats the same few thousand words.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

# Sastrawi's list drops words that carry meaning in regulations (deadlines, counts, obligations).
_KEEP = {
    "hari", "kerja", "lama", "paling", "sedikit", "banyak", "harus", "jumlah", "bulan", "minggu",
    "pertama", "kedua", "ketiga", "tiga", "empat", "lima", "enam", "khusus", "bagian", "akhir", "awal",
    "umum", "baru", "wajib", "tanggal", "tahun", "tujuan", "hak", "luar",
}
_EXTRA_STOP = {"yang", "dimaksud", "pengertian", "apa", "apakah", "bagaimana", "sebutkan", "jelaskan", "isi", "bunyi", "menurut"}
_TOKEN = re.compile(r"[a-z0-9]+")
# Abbreviations of government writing, expanded so "Kab. Blitar" matches "Kabupaten Blitar".
_ABBREVIATIONS = {
    "kab": ("kabupaten",),
    "kota": ("kota",),
    "prov": ("provinsi",),
    "kec": ("kecamatan",),
    "kel": ("kelurahan",),
    "pemkab": ("pemerintah", "kabupaten"),
    "pemkot": ("pemerintah", "kota"),
    "pemprov": ("pemerintah", "provinsi"),
    "pemda": ("pemerintah", "daerah"),
    "perbup": ("peraturan", "bupati"),
    "perwal": ("peraturan", "wali", "kota"),
    "pergub": ("peraturan", "gubernur"),
    "perpres": ("peraturan", "presiden"),
    "permen": ("peraturan", "menteri"),
    "uu": ("undang", "undang"),
    "pp": ("peraturan", "pemerintah"),
    "opd": ("perangkat", "daerah"),
    "diskominfo": ("dinas", "komunikasi", "informatika"),
    "dispora": ("dinas", "pemuda", "olahraga"),
}


# An amount as Indonesian writes it: "Rp1.234.567.890,00", "1.234.567.890", "1234567890", "1,23 miliar".
_AMOUNT = re.compile(
    r"(?<![\d.,])(?P<whole>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<fraction>\d+))?(?![\d.]\d)"
    r"(?:\s*(?P<scale>ribu|juta|miliar|milyar|triliun)\b)?"
)
_SCALES = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "milyar": 10**9, "triliun": 10**12}
MIN_AMOUNT = 10_000  # smaller numbers (years, days, article numbers) are left as written
AMOUNT_DIGITS = 3  # significant digits an amount written in words ("1,23 miliar") gives


def amount_tokens(match: re.Match) -> str:
    """An amount as its full digits plus its value rounded to three significant digits, so every way
    of grouping the same digits, and the rounded form in words, share tokens; other numbers unchanged."""
    whole, fraction, scale = match["whole"], match["fraction"] or "", match["scale"]
    grouped = "." in whole
    if not (grouped or scale or len(whole) >= len(str(MIN_AMOUNT))):
        return match.group()
    value = int(whole.replace(".", ""))
    if scale:
        value = int(round(float(f"{value}.{fraction or 0}") * _SCALES[scale]))
    if value < MIN_AMOUNT:
        return match.group()
    rounded = round(value, AMOUNT_DIGITS - len(str(value)))
    return f" {value} {rounded} " if rounded != value else f" {value} "


def tokenize(text: str) -> list[str]:
    """Lowercase, split on non-alphanumerics, drop stopwords, stem. Used for passages and queries alike.

    Amounts become their digits however they were grouped (`amount_tokens`)."""
    stop = stopwords()
    text = _AMOUNT.sub(amount_tokens, text.lower())
    words = (part for word in _TOKEN.findall(text) for part in _ABBREVIATIONS.get(word, (word,)))
    return [stem(word) for word in words if word not in stop]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Sastrawi's Indonesian stop words and the question words BM25 never weighs."""
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    words = set(StopWordRemoverFactory().get_stop_words()) - _KEEP
    return frozenset(words | _EXTRA_STOP)


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    if word.isdigit() or len(word) <= 3:
        return word
    return _stemmer().stem(word) or word


_VERB_PREFIX = re.compile(r"^(?:di|ter|meng(?=[aeiou])|me(?=[lmnry]))(?P<root>[a-z]{4,})$")


def borrowed_root(word: str) -> str:
    """A stemmed word without the verb prefix the stemmer leaves on a borrowed root ("direviu",
    "mengupdate", "dimonitor": Sastrawi's dictionary lacks "reviu"), so that the verb and the noun meet."""
    affixed = _VERB_PREFIX.match(word)
    return affixed["root"] if affixed and not is_indonesian(word) else word


def is_indonesian(word: str) -> bool:
    """Whether the word, or its stem, is in the dictionary of Indonesian root words the stemmer uses:
    "target", "unit" and "total" are Indonesian words too, "software" and "online" are borrowed."""
    roots = _stemmer().delegatedStemmer.get_dictionary()
    word = word.lower()
    return roots.contains(word) or roots.contains(stem(word))


def shared_opening(asked: list[str], tokens: list[str]) -> int:
    """How many tokens `tokens` opens with in the order of `asked`: "Bidang Keolahragaan mempunyai
    tugas" opens with two of "Bidang Keolahragaan Dinas Kepemudaan"."""
    shared = 0
    for asked_token, token in zip(asked, tokens):
        if asked_token != token:
            break
        shared += 1
    return shared


# (tokens, weight, the question tokens they stand for): () for the question's own tokens.
Group = tuple[list[str], float, tuple[str, ...]]


class LexicalIndex:
    """BM25 over passage tokens; row i of the index is passage `ids[i]`."""

    def __init__(self, retriever, ids: list[str]) -> None:
        self._retriever = retriever
        self.ids = ids
        self._rows: dict[str, int] | None = None
        self._last_weighted: tuple[tuple, np.ndarray | None] = ((), None)

    @property
    def _row(self) -> dict[str, int]:
        """id → row, made on first use unless a reader shared its own (`share_rows`)."""
        if self._rows is None:
            self._rows = dict(zip(self.ids, range(len(self.ids))))
        return self._rows

    def share_rows(self, ids: list[str], row: dict[str, int]) -> None:
        """Use a reader's id list and id → row map when they hold the same passages in the same order
        (the catalog's reading order, which `Index.rebuild_lexical` writes): one copy of a million ids
        and their map instead of two (seconds and ~150 MB at 1M passages)."""
        if ids == self.ids:
            self.ids, self._rows = ids, row

    @classmethod
    def build(cls, ids: list[str], token_lists: list[list[str]]) -> LexicalIndex:
        import bm25s

        # Anserini's defaults (k1 0.9, b 0.4): flatter length normalisation suits Pasal of very
        # different lengths, and beat bm25s's defaults on the gold set (evaluations/README.md).
        retriever = bm25s.BM25(k1=0.9, b=0.4)
        if ids:
            retriever.index([tokens or ["_"] for tokens in token_lists], show_progress=False)
        return cls(retriever, list(ids))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        if self.ids:
            self._retriever.save(str(folder), show_progress=False)
        (folder / "ids.json").write_text(json.dumps(self.ids), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        import bm25s

        ids_file = folder / "ids.json"
        if not ids_file.exists():
            return cls(None, [])
        ids = json.loads(ids_file.read_text(encoding="utf-8"))
        # Mapped, not read: the postings stay in the page cache, and a question touches only its tokens' columns.
        retriever = bm25s.BM25.load(str(folder), mmap=True) if ids else None
        return cls(retriever, ids)

    def document_frequencies(self) -> dict[str, int]:
        """token → number of passages holding it, read from the postings (one column per token)."""
        if not self.ids:
            return {}
        starts = self._retriever.scores["indptr"]
        return {token: int(starts[col + 1] - starts[col]) for token, col in self._retriever.vocab_dict.items() if col + 1 < len(starts)}

    def weighted_scores(self, groups: list[Group], ids: list[str]) -> dict[str, float]:
        """BM25 scores of specific passages (candidates found by the dense retriever), for a question
        with alternative forms (see `Group`)."""
        total = self._weighted(groups)
        return {pid: float(total[self._row[pid]]) if total is not None and pid in self._row else 0.0 for pid in ids}

    def weighted_search(self, groups: list[Group], k: int, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        """Top-k (id, score) with score > 0 for a question with alternative forms (assistant/expansion.py);
        `allowed` restricts to a subset of passage ids (filters). Equal scores rank in reading order."""
        total = self._weighted(groups)
        if total is None:
            return []
        if allowed is not None:
            rows = [self._row[pid] for pid in allowed if pid in self._row]
            kept = np.zeros_like(total)
            kept[rows] = total[rows]
            total = kept
        return [(self.ids[row], float(total[row])) for row in _top_positive(total, k)]

    def search(self, query_tokens: list[str], k: int, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        """`weighted_search` for plain tokens."""
        return self.weighted_search([(query_tokens, 1.0, ())], k, allowed)

    def _weighted(self, groups: list[Group]) -> np.ndarray | None:
        """Each group's BM25 score times its weight; a form standing for other words scores only in
        passages lacking some of those words, so a passage holding both forms gains nothing twice.
        The last question's sums are kept: retrieval asks for its candidates, then for their scores."""
        key = tuple((tuple(tokens), weight, tuple(stands_for)) for tokens, weight, stands_for in groups)
        last_key, last_total = self._last_weighted
        if key == last_key:
            return last_total
        vocab = self._retriever.vocab_dict if self.ids else {}
        total = None
        for tokens, weight, stands_for in groups:
            known = [token for token in tokens if token in vocab]
            if not known:
                continue
            scores = self._scores(known).astype(np.float64)
            scores *= weight
            if stands_for:
                holds_all = np.ones(len(self.ids), dtype=bool)
                for token in stands_for:
                    holds_all &= self._scores([token]) > 0 if token in vocab else False
                scores[holds_all] = 0.0
            if total is None:
                total = scores
            else:
                total += scores
        if total is not None:
            total.flags.writeable = False  # shared by the calls of one question
        self._last_weighted = (key, total)
        return total

    def _scores(self, known: list[str]) -> np.ndarray:
        """BM25 of every passage for tokens of the vocabulary: the float32 sums of bm25s's `get_scores`,
        token by token in the same order, added by indexing instead of its `np.add.at`. A token's
        postings hold each passage once, so both add the same numbers to the same sums (bit for bit),
        and `np.add.at` took tens of ms per question at 1M passages (evaluations/README.md)."""
        bm25 = self._retriever
        data, indices, starts = bm25.scores["data"], bm25.scores["indices"], bm25.scores["indptr"]
        total = np.zeros(bm25.scores["num_docs"], dtype=bm25.dtype)
        for token in known:
            column = bm25.vocab_dict[token]
            total[indices[starts[column] : starts[column + 1]]] += data[starts[column] : starts[column + 1]]
        return total


def _top_positive(scores: np.ndarray, k: int) -> np.ndarray:
    """Rows of the k highest positive scores, highest first, equal scores by row: what a stable sort of
    the whole array gives, from the rows at or above the k-th highest score (one partition of the
    array, not a sort of a million scores per question)."""
    kth = np.partition(scores, len(scores) - k)[len(scores) - k] if 0 < k < len(scores) else 0.0
    rows = np.flatnonzero(scores >= kth) if kth > 0 else np.flatnonzero(scores > 0)
    return rows[np.argsort(-scores[rows], kind="stable")][:k]
