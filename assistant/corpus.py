"""The indexed corpus as ranking and answering read it: documents, passages, tags, idf, lookups.

Only what ranking touches for every passage stays in memory: ids, each passage's source, kind,
Pasal and tags, and the lexical index's token postings (idf comes from them too). Passage text and
metadata are read from the catalog on demand, for the few candidates a question looks at, through
a bounded cache: at 1M passages a full in-memory copy took 3.8 GB and 47 s to load
(evaluations/README.md).
"""

from __future__ import annotations

import gc
import json
import math
import re
import sys
import threading
from collections import OrderedDict
from contextlib import contextmanager

from ingest.citations import REGULATION, DocumentRef
from ingest.glossary import Definition, matching
from ingest.index import Index
from ingest.lexical import LexicalIndex, tokenize
from ingest.model import Document, Passage
from ingest.relations import Relation

from .amendments import notices, status_notices
from .crossrefs import resolve
from .expansion import Expander
from .lookup import has_ayat, provision_passages
from .query import QueryIntent

LOAD_CHUNK = 50_000  # catalog rows read at a time while loading
PASSAGE_CACHE = 20_000  # passages kept after reading: a question reads tens to a few thousand
# A question names a document by its title when it holds this idf-weighted share of the title's terms,
# and at least MIN_TITLE_TERMS of them ("dalam SOP Pelayanan Permohonan Informasi Publik"): "tahun" or
# a missing year weigh little, the words that tell one SOP or plan from another weigh most.
TITLE_SHARE = 0.8
MIN_TITLE_TERMS = 3


@contextmanager
def _no_cycle_collection():
    """Python's cycle collector paused while a million rows are read: it would walk the growing
    structures again and again (loading took 1.8x as long at 1M passages). Reference counting still
    frees everything meanwhile."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_YEAR_SPAN = re.compile(r"\b((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)\d\d))?\b")


def title_period(title: str) -> set[int]:
    """The years a title names as its period ("Tahun 2023", "2019 - 2024"), not the year of a cited
    regulation ("Peraturan Bupati Nomor 22 Tahun 2019")."""
    years: set[int] = set()
    for match in _YEAR_SPAN.finditer(REGULATION.sub(" ", title)):
        first = int(match.group(1))
        years.update(range(first, int(match.group(2) or first) + 1))
    return years


def out_of_period(periods: dict[str, set[int]], years: tuple[str, ...]) -> set[str]:
    """Yearly documents ("Laporan Evaluasi SPBE Tahun 2023") of another year than the asked ones, when
    one of an asked year is indexed: "Evaluasi SPBE 2024" names which year's report it asks about.
    Empty when no yearly document is of an asked year ("sejak 2018" asks about a year, not a report).
    A plan's period is left out: a plan for 2025–2029 states its 2023 baseline."""
    asked = {int(year) for year in years}
    dated = {source: bool(period & asked) for source, period in periods.items() if len(period) == 1}
    return {source for source, holds in dated.items() if not holds} if any(dated.values()) else set()


class Corpus:
    """A read model of one catalog version; `stale()` says when an ingest has changed the catalog since."""

    def __init__(self, index: Index, lexical: LexicalIndex | None = None, cache_size: int = PASSAGE_CACHE) -> None:
        """`lexical` replaces the index's own BM25 index (evaluations/ablation.py tries other parameters)."""
        self.index = index
        self.version = index.catalog.version()  # read first: a write during loading makes the corpus stale, never silently mixed
        self.documents: dict[str, Document] = {doc.source: doc for doc, _, _ in index.catalog.documents()}
        self._by_number: dict[tuple, list[str]] = {}  # (jenis, nomor, tahun) → sources, for citations
        for source, doc in self.documents.items():
            self._by_number.setdefault((doc.jenis, doc.nomor, doc.tahun), []).append(source)
        self.lexical = lexical or index.load_lexical()
        self.definitions = [Definition(**record) for record in index.catalog.extracts("definition")]
        self.relations = [Relation(**record) for record in index.catalog.extracts("relation")]
        self._sources: list[str] = []
        self._kinds: list[str] = []
        self._pasals: list[str | None] = []
        self._by_source: dict[str, list[str]] = {}
        self._by_tag: dict[str, set[str]] = {}
        # Retrieval units (table rows: ingest/units.py) are searchable on their own but
        # are not part of a document's reading order: ranking folds them into their parents.
        self._parent: dict[str, str] = {}
        self._units: dict[str, list[str]] = {}
        with _no_cycle_collection():
            ids = self._read_fields(index.catalog.ranking_fields())
        self._row = dict(zip(ids, range(len(ids))))
        self.lexical.share_rows(ids, self._row)
        frequencies = self.lexical.document_frequencies()
        self._idf = {t: math.log(1 + len(self._row) / df) for t, df in frequencies.items()}
        self._max_idf = math.log(1 + max(len(self._row), 1))
        # Abbreviation pairs learned at ingest, and English words, as alternative query forms.
        self.expander = Expander(index.catalog.extracts("abbreviation"), self._idf)
        self._periods = {source: title_period(doc.title) for source, doc in self.documents.items()}
        self._title_weight: dict[str, float] = {}
        # Built while Chroma reads its vector index (Retriever), not at the first question (a second at 1M passages).
        self._title_postings = self._titles()
        self._last_titled: tuple[str | None, set[str]] = (None, set())
        self._cache: OrderedDict[str, Passage] = OrderedDict()
        self._cache_size = cache_size
        self._reading = threading.Lock()  # sessions share the catalog connection and the cache

    def _read_fields(self, rows) -> list[str]:
        """Fill the per-passage fields from the catalog's rows, column by column in chunks (one Python
        loop doing everything per row took seconds at 1M passages); the ids in reading order."""
        ids: list[str] = []
        tag_lists: dict[str, list[str]] = {}  # a few dozen distinct tag sets, parsed once each
        while chunk := rows.fetchmany(LOAD_CHUNK):
            chunk_ids, sources, kinds, pasals, tags, parents = zip(*chunk)
            ids += chunk_ids
            self._sources += map(sys.intern, sources)
            self._kinds += map(sys.intern, kinds)
            self._pasals += [sys.intern(pasal) if pasal else None for pasal in pasals]
            for pid, source, parent in zip(chunk_ids, sources, parents):
                if parent:
                    self._parent[pid] = parent
                    self._units.setdefault(parent, []).append(pid)
                else:
                    self._by_source.setdefault(source, []).append(pid)
            for pid, tag_json in zip(chunk_ids, tags):
                if tag_json != "[]":
                    for tag in tag_lists.get(tag_json) or tag_lists.setdefault(tag_json, json.loads(tag_json)):
                        self._by_tag.setdefault(tag, set()).add(pid)
        return ids

    def __len__(self) -> int:
        """Passages a reader sees (the status counts these), not the retrieval units folded into them."""
        return len(self._row) - len(self._parent)

    def __contains__(self, pid: str) -> bool:
        return pid in self._row

    def stale(self) -> bool:
        """True when an ingest has written to the catalog since this corpus was loaded: one meta read."""
        with self._reading:
            return self.index.catalog.version() != self.version

    # --- passages ------------------------------------------------------------------------------
    def ids(self) -> list[str]:
        """Every passage id, by document and reading order."""
        return list(self._row)

    def ids_of(self, source: str) -> list[str]:
        """A document's passage ids in reading order, without their units (none for a source not indexed)."""
        return self._by_source.get(source, [])

    def parent_of(self, pid: str) -> str:
        """The passage a unit belongs to; a passage is its own."""
        return self._parent.get(pid, pid)

    def units_of(self, pid: str) -> list[str]:
        """A passage's unit ids in reading order (none for most passages)."""
        return self._units.get(pid, [])

    def tagged(self, tag: str) -> set[str]:
        return self._by_tag.get(tag, set())

    def out_of_period(self, years: tuple[str, ...]) -> set[str]:
        return out_of_period(self._periods, years)

    def source_of(self, pid: str) -> str:
        return self._sources[self._row[pid]]

    def kind_of(self, pid: str) -> str:
        return self._kinds[self._row[pid]]

    def pasal_of(self, pid: str) -> str | None:
        return self._pasals[self._row[pid]]

    def passages(self, ids: list[str]) -> list[Passage]:
        """The passages of the given ids, in that order; one an ingest has removed since loading is left out."""
        with self._reading:
            missing = [pid for pid in dict.fromkeys(ids) if pid not in self._cache]
            read = self.index.catalog.passages_by_id(missing) if missing else {}
            found = []
            for pid in ids:
                passage = self._cache.get(pid) or read.get(pid)
                if passage is None:
                    continue
                self._cache[pid] = passage
                self._cache.move_to_end(pid)
                found.append(passage)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return found

    def passages_of(self, source: str) -> list[Passage]:
        return self.passages(self.ids_of(source))

    def mentions(self, source: str, pattern: re.Pattern) -> bool:
        """Whether any passage of a document matches `pattern`, read past the passage cache (a whole document
        would evict the passages questions come back to)."""
        ids = self._by_source.get(source, [])
        for start in range(0, len(ids), LOAD_CHUNK):
            with self._reading:
                read = self.index.catalog.passages_by_id(ids[start : start + LOAD_CHUNK])
            if any(pattern.search(passage.text) for passage in read.values()):
                return True
        return False

    def knows(self, token: str) -> bool:
        """Whether any passage holds the (stemmed) token."""
        return token in self._idf

    def idf(self, token: str) -> float:
        """Inverse document frequency over the corpus; a word it never holds counts as rare as can be."""
        return self._idf.get(token, self._max_idf)

    # --- documents and provisions --------------------------------------------------------------
    def named_sources(self, intent: QueryIntent) -> set[str]:
        """Indexed documents that the question names: by citation ("UU 14/2008") or by title."""
        cited = {source for ref in intent.documents for source in self.cited_sources(ref)}
        return cited | self.titled_sources(intent.topic)

    def titled_sources(self, text: str) -> set[str]:
        """Documents the text names by their title ("dalam SOP Pelayanan Permohonan Informasi Publik",
        "Renstra Diskominfo Kalbar" where the index learned those abbreviations): it holds nearly all of
        the title's terms, idf-weighted (an abbreviation counts for the words it stands for), and no other
        title more completely."""
        if self._last_titled[0] == text:  # every ranking and answer step of one question asks again
            return self._last_titled[1]
        words = set(tokenize(text))
        postings = self._title_postings
        held: dict[str, set[str]] = {}
        for word in words:  # postings, not a check per title: a JDIH's titles share "peraturan", "daerah"
            for source, form, terms in postings.get(word, ()):
                if form[1:] and not set(form) <= words:
                    continue
                held.setdefault(source, set()).update(terms)
        shares = {}
        for source, terms in held.items():
            if len(terms) >= MIN_TITLE_TERMS:
                total = self._title_weight[source]
                shares[source] = sum(self.idf(term) for term in terms) / total if total else 0.0
        best = max(shares.values(), default=0.0)
        # A title whose words the question also uses for its topic ("pengaduan" asked of another SOP)
        # is held less completely than the title the question names.
        named = {source for source, share in shares.items() if share >= TITLE_SHARE and share >= best - 1e-9}
        self._last_titled = (text, named)
        return named

    def _titles(self) -> dict[str, list[tuple[str, tuple[str, ...], tuple[str, ...]]]]:
        """For each word that can name a document: (document, the form the word belongs to, the title
        terms it stands for); a title's own term stands for itself, an abbreviation for its words.
        Fills each title's idf weight."""
        postings: dict[str, list[tuple[str, tuple[str, ...], tuple[str, ...]]]] = {}
        for source, doc in self.documents.items():
            if not doc.title:
                continue
            title = self.expander.expand(doc.title)
            terms = set(title.tokens)
            self._title_weight[source] = sum(self.idf(term) for term in terms)
            forms = [((term,), (term,)) for term in terms] + [(form, original) for original, form, _ in title.alternatives]
            for form, stands_for in dict.fromkeys(forms):
                postings.setdefault(form[0], []).append((source, form, tuple(t for t in stands_for if t in terms)))
        return postings

    def name_of(self, ref: DocumentRef) -> str:
        """An indexed regulation by its indexed name, any other as the question cited it."""
        return next((self.documents[source].short_name for source in self.cited_sources(ref)), ref.label())

    def cited_sources(self, ref: DocumentRef) -> list[str]:
        """Indexed documents a citation names, by source: looked up by jenis, number and year instead of
        checking every document (thousands at 1M passages, per question)."""
        return [source for source in self._by_number.get((ref.jenis, ref.nomor, ref.tahun), ()) if ref.matches(self.documents[source])]

    def _pasal_ids(self, source: str, pasal: str, kind: str) -> list[str]:
        """A document's passages of one Pasal and kind, chosen from the fields in memory before any text is read."""
        return [pid for pid in self.ids_of(source) if self.pasal_of(pid) == pasal and self.kind_of(pid) == kind]

    def provision(self, intent: QueryIntent, allowed: set[str] | None = None) -> list[str]:
        """Ids of the exact Pasal (asked ayat first) the question names, in the documents it names."""
        if not intent.pasal:
            return []
        kind = "penjelasan" if intent.penjelasan else "pasal"
        found = []
        for source in sorted(self.named_sources(intent)):
            held = self.passages(self._pasal_ids(source, intent.pasal, kind))
            found += [p.id for p in provision_passages(held, intent.pasal, intent.ayat, intent.penjelasan)]
        return [pid for pid in found if allowed is None or pid in allowed]

    def pasal_passages(self, passage: Passage) -> list[Passage]:
        """Every passage of the Pasal (or its Penjelasan) that holds `passage`, in reading order."""
        return self.passages(self._pasal_ids(passage.source, passage.pasal, passage.kind))

    def unindexed(self, intent: QueryIntent) -> list[DocumentRef]:
        """The regulations the question names that the index does not hold."""
        return [ref for ref in intent.documents if not self.cited_sources(ref)]

    def lacking_provisions(self, intent: QueryIntent) -> list[tuple[Document, str, list[str]]]:
        """(document, provision, the Pasal it does hold) for each named, indexed document lacking the named provision."""
        lacking = []
        if not intent.pasal:
            return lacking
        kind = "penjelasan" if intent.penjelasan else "pasal"
        where = f"{'Penjelasan ' if intent.penjelasan else ''}Pasal {intent.pasal}"
        for source in sorted(self.named_sources(intent)):
            numbered = [pid for pid in self.ids_of(source) if self.kind_of(pid) == kind and self.pasal_of(pid)]
            held = [pid for pid in numbered if self.pasal_of(pid) == intent.pasal]
            if not held:
                lacking.append((self.documents[source], where, list(dict.fromkeys(self.pasal_of(pid) for pid in numbered))))
            elif intent.ayat and not has_ayat(self.passages(held), intent.ayat):
                lacking.append((self.documents[source], f"{where} ayat ({intent.ayat})", []))
        return lacking

    # --- extracts ------------------------------------------------------------------------------
    def definitions_of(self, intent: QueryIntent) -> list[Definition]:
        """Glossary entries for the asked terms; only the named documents' when the question names some that
        define them. None for a comparison unless both terms are defined: half an answer compares nothing."""
        by_term = [matching(self.definitions, term) for term in intent.defined_terms]
        if not all(by_term):
            return []
        found = [d for entries in by_term for d in entries]
        named = self.named_sources(intent)
        return [d for d in found if d.source in named] or found

    def status_of(self, ref: DocumentRef) -> list[dict]:
        """What amends or revokes a regulation the question names, as the indexed documents state it."""
        return status_notices(ref, self.relations, self.documents)

    def notices(self, passage: Passage) -> list[dict]:
        """Newer regulations amending or revoking the passage's document (assistant/amendments.py)."""
        return notices(self.documents[passage.source], passage, self.relations, self.documents)

    def references(self, passage: Passage) -> list[dict]:
        """The provisions a passage cites, resolved to indexed passages (assistant/crossrefs.py)."""
        return resolve(passage, self.passages_of, self.documents)
