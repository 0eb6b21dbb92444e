"""The index on disk: catalog (SQLite) + vectors (Chroma) + lexical (BM25), written and read together.

Layout of the index folder (default `.index/`):
    catalog.sqlite   documents, passages, tokens, the embedder that made the vectors, and the
                     generation whose vector store and lexical index hold them
    chroma/          generation 0's Chroma PersistentClient data (unused with a Chroma server URL)
    lexical/         generation 0's bm25s index over the catalog's tokens
    generation-<id>/ chroma/ and lexical/ of a generation made by a rebuild
    ingest.lock      one ingest at a time (lock.py)

A rebuild (`asisten ingest --rebuild`, or a changed embedder) never writes to the live generation:
it builds a new one beside it, catalog included, and one atomic rename of that catalog over
`catalog.sqlite` makes catalog, vectors and lexical index live together (`swap`). Readers notice the
new file (`replaced`) and reopen. A killed rebuild leaves the live generation whole; the next ingest
deletes the unfinished one (`drop_other_generations`).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse
from uuid import uuid4

import numpy as np

from .catalog import Catalog, IndexStateError
from .embedders import Embedder
from .errors import UserError
from .lexical import LexicalIndex
from .model import Document, Passage

COLLECTION = "asisten_passages"
CATALOG = "catalog.sqlite"
_GENERATION_PREFIX = "generation-"
_ADD_BATCH = 1000
# Up to this many vectors, dense search compares the question with every stored vector (a matrix of
# 150 MB at 384 dimensions), so the same question over the same passages always gets the same
# neighbours: Chroma's HNSW graph is approximate and is built differently by every ingest, which
# moved answers between two builds of one corpus (evaluations/README.md). Above it, HNSW.
EXACT_SEARCH_MAX = 100_000
_EXACT_PAGE = 1000  # vectors read from Chroma at a time: its client converts a page through Python objects (~60 MB at 5,000)


class IndexUnreadable(IndexStateError):
    """A part of the index cannot be opened (no write permission, a damaged file): `path` and `detail` say which and why."""

    def __init__(self, path: Path | str, detail: str) -> None:
        self.path, self.detail = str(path), detail
        super().__init__("index_cannot_open", path=self.path, detail=detail)


def _error_detail(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:300]


def collection_name(generation: str) -> str:
    """Each generation has its own collection, so a rebuild against a Chroma server also builds aside."""
    return f"{COLLECTION}-{generation}" if generation else COLLECTION


def _file_identity(path: Path) -> tuple[int, int]:
    status = os.stat(path)
    return status.st_dev, status.st_ino


def chroma_client(index_dir: Path, chroma_url: str | None):
    """A Chroma client with telemetry off: local files by default, a `chroma run` server when a URL is set."""
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False)
    if chroma_url:
        url = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
        return chromadb.HttpClient(
            host=url.hostname or "localhost", port=url.port or 8000, ssl=url.scheme == "https", settings=settings
        )
    return chromadb.PersistentClient(path=str(index_dir / "chroma"), settings=settings)


def _tag_key(tag: str) -> str:
    """Chroma filters on flat booleans, so each tag is its own metadata key."""
    return f"tag_{tag}"


def _chroma_metadata(document: Document, passage: Passage) -> dict:
    """Flat metadata for Chroma `where` filters (None is not allowed there, so it is left out)."""
    values = {
        "source": passage.source,
        "jenis": document.jenis,
        "tahun": document.tahun,
        "kind": passage.kind,
        "pasal": passage.pasal,
        "page": passage.page_start,
    }
    values.update({_tag_key(tag): True for tag in passage.tags})
    return {key: value for key, value in values.items() if value is not None}


def chroma_where(jenis=(), tahun=(), sources=(), tags=()) -> dict | None:
    """The Chroma `where` clause admitting passages of any listed jenis, tahun and source (each list
    that is given) carrying any of the tags; None admits all. Written here, beside `_chroma_metadata`,
    so one module knows the metadata schema."""
    clauses = [{key: {"$in": list(values)}} for key, values in (("jenis", jenis), ("tahun", tahun), ("source", sources)) if values]
    tagged = [{_tag_key(tag): True} for tag in tags]
    if tagged:
        clauses.append(tagged[0] if len(tagged) == 1 else {"$or": tagged})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def _best(scores: np.ndarray, k: int, ids: list[str]) -> list[int]:
    """The rows of the k highest scores, equal scores ordered by passage id: the same rows whatever order the
    store returned its vectors in (two builds of one corpus store them in different orders)."""
    k = min(k, len(scores))
    kth = np.partition(scores, len(scores) - k)[len(scores) - k]
    above = np.flatnonzero(scores > kth).tolist()
    tied = sorted(np.flatnonzero(scores == kth).tolist(), key=ids.__getitem__)[: k - len(above)]
    return sorted(above + tied, key=lambda row: (-scores[row], ids[row]))


@dataclass(frozen=True)
class _ExactVectors:
    """Every stored vector at unit length, in the store's order, with the row of each passage id."""

    state: tuple[int, int]  # `Index._vector_state` when loaded
    ids: list[str]
    matrix: np.ndarray
    position: dict[str, int]
    admitted: dict[str, np.ndarray] = field(default_factory=dict)  # a filter's mask, kept: a session repeats its filters


class Index:
    def __init__(self, index_dir: Path, chroma_url: str | None = None, catalog: Path | None = None) -> None:
        """The index in `index_dir`; `catalog` names another catalog there (a generation being built)."""
        self.dir = index_dir
        self.chroma_url = chroma_url
        self.catalog_path = catalog or index_dir / CATALOG
        self._open()

    def _open(self) -> None:
        """Open the catalog and the generation it names; the vector store opens on first use, so a
        rebuild never opens the store it replaces (it may be damaged)."""
        try:
            self.catalog = Catalog(self.catalog_path)
            self._identity = _file_identity(self.catalog_path)
        except (sqlite3.Error, OSError) as error:
            raise IndexUnreadable(self.catalog_path, _error_detail(error)) from error
        self.generation = self.catalog.get_meta("generation") or ""
        self.store = self._store(self.generation)
        self._client = None
        self._collection = None
        self._exact: _ExactVectors | None = None
        self._exact_loading = threading.Lock()

    def _store(self, generation: str) -> Path:
        return self.dir / f"{_GENERATION_PREFIX}{generation}" if generation else self.dir

    @property
    def client(self):
        if self._client is None:
            self.open_collection()
        return self._client

    @property
    def collection(self):
        if self._collection is None:
            self.open_collection()
        return self._collection

    def open_collection(self) -> None:
        """Open the vector store now, so readers report a damaged or read-only index when they start."""
        try:
            client = chroma_client(self.store, self.chroma_url)
            self._collection = client.get_or_create_collection(
                collection_name(self.generation), embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
            )
        except Exception as error:  # chromadb, SQLite or chromadb's Rust core: whatever fails here means "cannot open"
            raise IndexUnreadable(self.chroma_url or self.store / "chroma", _error_detail(error)) from error
        self._client = client

    def close(self) -> None:
        self.catalog.close()

    def replaced(self) -> bool:
        """True when a rebuild swapped another catalog in since this one was opened: one stat, cheap per question."""
        try:
            return _file_identity(self.catalog_path) != self._identity
        except FileNotFoundError:
            return True

    @property
    def embedder_name(self) -> str | None:
        return self.catalog.get_meta("embedder")

    def check_embedder(self, embedder: Embedder) -> None:
        recorded = self.embedder_name
        if recorded and recorded != embedder.name:
            raise IndexStateError("index_other_embedder", recorded=recorded, current=embedder.name)

    # --- generations -----------------------------------------------------------------------------
    def new_generation(self) -> Index:
        """An empty generation beside the live one, with its own catalog; `swap` makes it live.

        Its name is never reused: Chroma keeps one client per folder for the life of a process.
        """
        name = uuid4().hex[:12]
        path = self._store(name) / CATALOG
        catalog = Catalog(path)
        catalog.set_meta("generation", name)
        catalog.close()
        return Index(self.dir, self.chroma_url, path)

    def swap(self, fresh: Index) -> None:
        """Make a generation built aside live: its catalog is renamed over the live one (atomic, the
        commit point), then the old generation's vectors and lexical index are deleted."""
        old = self.generation
        fresh.close()
        self.close()
        os.replace(fresh.catalog_path, self.catalog_path)
        directory = os.open(self.dir, os.O_RDONLY)
        try:
            os.fsync(directory)  # the rename survives a power cut before the old stores are gone
        finally:
            os.close(directory)
        self._open()
        self._drop_generation(old)

    def drop_other_generations(self) -> None:
        """Delete what a killed rebuild left: a half-built generation, or the old one a swap had not deleted yet."""
        found = {path.name.removeprefix(_GENERATION_PREFIX) for path in self.dir.glob(f"{_GENERATION_PREFIX}*") if path.is_dir()}
        if any((self.dir / part).exists() for part in ("chroma", "lexical")):
            found.add("")
        for name in found - {self.generation}:
            self._drop_generation(name)

    def _drop_generation(self, name: str) -> None:
        """Server collection first, local folders last: while the folder is there the next run retries."""
        if self.chroma_url:
            from chromadb.errors import NotFoundError

            try:
                self.client.delete_collection(collection_name(name))
            except NotFoundError:
                pass
        if name:
            shutil.rmtree(self._store(name), ignore_errors=True)
        else:
            for part in ("chroma", "lexical", "lexical.new", "lexical.old"):
                shutil.rmtree(self.dir / part, ignore_errors=True)

    # --- writing -------------------------------------------------------------------------------
    def replace_document(
        self,
        document: Document,
        passages: list[Passage],
        vectors: dict[str, np.ndarray],
        tokens: list[list[str]],
        embedder: str,
        fingerprint: str,
        origin: str,
        extracts: list[tuple[str, dict]] = (),
    ) -> None:
        """Known vectors first, the catalog swap (one SQLite transaction) as the commit point, old vectors last.

        `vectors` maps passage id → vector for the passages whose vector is already known (an unchanged
        passage, a cached text); the others are recorded as pending in the same transaction and are
        answerable lexically until `add_vectors` stores theirs, so a new document never waits for
        embedding. The new passages' ids name this version of the document (`chunking.passage_key`),
        so writing their vectors never touches a vector the live catalog points to: a passage id's
        text and vector always agree. A run killed before the commit leaves the old passages in place
        (their vectors untouched) and a pending fingerprint, so the next run redoes the document;
        killed after it, only orphan vectors remain, which readers ignore (they look passages up in
        the catalog) and the next run deletes (`recover`). The lexical index is marked stale and
        rebuilt from the catalog.
        """
        self._begin_change(document.source)
        known = [p for p in passages if p.id in vectors]
        self._upsert(document, known, [vectors[p.id] for p in known])
        self.catalog.set_meta("embedder", embedder)
        pending = [p.id for p in passages if p.id not in vectors]
        self.catalog.replace(document, passages, tokens, fingerprint, origin, extracts, pending)
        current = {p.id for p in passages}
        stale = [pid for pid in self.collection.get(where={"source": document.source}, include=[])["ids"] if pid not in current]
        if stale:
            self.collection.delete(ids=stale)

    def add_vectors(self, items: list[tuple[Document, Passage]], vectors: np.ndarray) -> None:
        """Store the vectors of pending passages; a passage whose document changed meanwhile gets none."""
        live = self.catalog.pending_among([passage.id for _, passage in items])
        keep = [i for i, (_, passage) in enumerate(items) if passage.id in live]
        by_source: dict[str, list[int]] = {}
        for i in keep:
            by_source.setdefault(items[i][0].source, []).append(i)
        for positions in by_source.values():
            self._upsert(items[positions[0]][0], [items[i][1] for i in positions], [vectors[i] for i in positions])
        self.catalog.clear_pending([items[i][1].id for i in keep])

    def _upsert(self, document: Document, passages: list[Passage], vectors: list[np.ndarray]) -> None:
        for start in range(0, len(passages), _ADD_BATCH):
            batch = passages[start : start + _ADD_BATCH]
            self.collection.upsert(
                ids=[p.id for p in batch],
                embeddings=np.stack(vectors[start : start + _ADD_BATCH]),
                metadatas=[_chroma_metadata(document, p) for p in batch],
                documents=[p.search_text for p in batch],
            )

    def stored_vectors(self, source: str) -> dict[str, np.ndarray]:
        """search text → vector of a document's current passages, so an edited file re-embeds only what changed."""
        stored = self.collection.get(where={"source": source}, include=["embeddings", "documents"])
        if stored["documents"] is None or stored["embeddings"] is None:
            return {}
        return {text: np.asarray(vector, dtype=np.float32) for text, vector in zip(stored["documents"], stored["embeddings"])}

    def _begin_change(self, source: str) -> None:
        self.catalog.mark_pending(source)
        self.catalog.set_meta("lexical_stale", "1")

    def remove_document(self, source: str) -> None:
        """Catalog first (the commit point), then the vectors; a kill in between leaves only orphans."""
        self._begin_change(source)
        self.catalog.remove(source)
        self.collection.delete(where={"source": source})

    def recover(self) -> None:
        """Repair what a killed run left: drop orphan vectors, queue passages missing a vector.

        Called at the start of an ingest after one that did not finish (see `pipeline.ingest`).
        """
        stored = set(self.collection.get(include=[])["ids"])
        catalog_ids = {p.id for p in self.catalog.passages()}
        self.catalog.add_pending(sorted(catalog_ids - stored - self.catalog.pending_ids()))
        orphans = sorted(stored - catalog_ids)
        for start in range(0, len(orphans), _ADD_BATCH):
            self.collection.delete(ids=orphans[start : start + _ADD_BATCH])
        if orphans:
            self.catalog.set_meta("lexical_stale", "1")

    @property
    def lexical_stale(self) -> bool:
        """True when the catalog changed after the lexical index was last built (or it never was)."""
        return self.catalog.get_meta("lexical_stale") == "1" or not (self.store / "lexical" / "ids.json").exists()

    def rebuild_lexical(self) -> None:
        """Build beside the live folder, then swap, so a kill mid-save never leaves a half-written index."""
        live, fresh, old = (self.store / name for name in ("lexical", "lexical.new", "lexical.old"))
        for folder in (fresh, old):
            shutil.rmtree(folder, ignore_errors=True)
        ids, tokens = self.catalog.ids_and_tokens()
        LexicalIndex.build(ids, tokens).save(fresh)
        if live.exists():
            live.rename(old)
        fresh.rename(live)
        shutil.rmtree(old, ignore_errors=True)
        self.catalog.set_meta("lexical_stale", "0")

    # --- reading -------------------------------------------------------------------------------
    def load_lexical(self) -> LexicalIndex:
        """The saved BM25 index, or one built in memory from the catalog while it is stale (an ingest is
        running or was killed), so readers always see the catalog's passages in both retrievers."""
        if self.lexical_stale:
            return LexicalIndex.build(*self.catalog.ids_and_tokens())
        return LexicalIndex.load(self.store / "lexical")

    def vectors(self, ids: list[str], dim: int) -> np.ndarray:
        """Stored `dim`-sized vectors of the given passages, in the given order; zeros for a passage without one.

        A passage may still wait for its vector (`replace_document`), or a reader loaded before an
        ingest replaced or removed a document (the app while `asisten ingest` runs) may ask for
        vectors already deleted: such a passage then ranks by BM25 alone.
        """
        stored = self.collection.get(ids=ids, include=["embeddings"])
        by_id = {pid: np.asarray(vector, dtype=np.float32) for pid, vector in zip(stored["ids"], stored["embeddings"])}
        none = np.zeros(dim, dtype=np.float32)
        return np.stack([by_id.get(pid, none) for pid in ids]) if ids else np.zeros((0, dim), dtype=np.float32)

    def load_vectors_in_background(self, dim: int) -> threading.Thread:
        """Read the vectors into memory in a thread while the caller loads the catalog (Chroma's native
        code and NumPy run without the GIL): every vector for the exact search, or, above
        EXACT_SEARCH_MAX, Chroma's HNSW index (seconds at 1M passages, evaluations/README.md) by a query
        for a single neighbour. Join the thread before the first query. A failure is left for that
        query to report."""
        self.collection  # opened here: a damaged store is reported to the caller now
        probe = np.zeros(dim, dtype=np.float32)
        probe[0] = 1.0

        def load() -> None:
            try:
                self.dense_search(probe, 1)
            except Exception:  # the caller's first query meets the same error and reports it
                pass

        thread = threading.Thread(target=load, name="vector-index-load", daemon=True)
        thread.start()
        return thread

    def _vector_state(self) -> tuple[int, int]:
        """Changes whenever stored vectors may have: a document replaced or removed (the catalog's
        version) or pending vectors written (the pending count). Two cheap reads per question."""
        return self.catalog.version(), self.catalog.pending_count()

    def _exact_vectors(self) -> _ExactVectors | None:
        """The vectors in memory, reloaded when an ingest (perhaps another process) changed them; None
        above EXACT_SEARCH_MAX."""
        with self._exact_loading:
            state = self._vector_state()
            if self._exact is not None and self._exact.state == state:
                return self._exact
            count = self.collection.count()
            if count > EXACT_SEARCH_MAX:
                self._exact = None
                return None
            ids: list[str] = []
            matrix = np.zeros((0, 1), dtype=np.float32)
            for offset in range(0, count, _EXACT_PAGE):  # written page by page into one matrix: no second copy
                page = self.collection.get(include=["embeddings"], limit=_EXACT_PAGE, offset=offset)
                if not page["ids"]:
                    break
                vectors = np.asarray(page["embeddings"], dtype=np.float32)
                if not ids:
                    matrix = np.zeros((count, vectors.shape[1]), dtype=np.float32)
                vectors = vectors[: count - len(ids)]  # a vector added since the count waits for the next load
                matrix[len(ids) : len(ids) + len(vectors)] = vectors
                ids += page["ids"][: len(vectors)]
            matrix = matrix[: len(ids)]  # a view: fewer when some were removed meanwhile
            norms = np.linalg.norm(matrix, axis=1, keepdims=True)
            matrix /= np.where(norms > 0, norms, 1.0)
            self._exact = _ExactVectors(state, ids, matrix, {pid: row for row, pid in enumerate(ids)})
            return self._exact

    def _admitted(self, exact: _ExactVectors, where: dict) -> np.ndarray:
        """Which rows a `chroma_where` filter admits, as Chroma evaluates it (one query per filter and load)."""
        key = json.dumps(where, sort_keys=True)
        if key not in exact.admitted:
            mask = np.zeros(len(exact.ids), dtype=bool)
            rows = [exact.position[pid] for pid in self.collection.get(where=where, include=[])["ids"] if pid in exact.position]
            mask[rows] = True
            exact.admitted[key] = mask
        return exact.admitted[key]

    def dense_search(self, query_vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """Top-k (id, cosine similarity) among the passages `where` admits (`chroma_where`): exact up to
        EXACT_SEARCH_MAX vectors, Chroma's approximate HNSW above it."""
        query_vector = np.asarray(query_vector, dtype=np.float32)
        exact = self._exact_vectors()
        if exact is None:
            result = self.collection.query(query_embeddings=[query_vector], n_results=k, where=where or None, include=["distances"])
            return [(pid, 1.0 - float(dist)) for pid, dist in zip(result["ids"][0], result["distances"][0])]
        if not exact.ids or k <= 0:
            return []
        norm = float(np.linalg.norm(query_vector))
        # einsum, not `@`: BLAS would split this small product over threads that then spin, taking CPU from
        # the query embedding beside it (evaluations/README.md, "The same answer from every build")
        scores = np.einsum("ij,j->i", exact.matrix, query_vector / norm if norm > 0 else query_vector)
        if where:
            scores = np.where(self._admitted(exact, where), scores, -np.inf)
        return [(exact.ids[i], float(scores[i])) for i in _best(scores, k, exact.ids) if np.isfinite(scores[i])]

    # --- checking ------------------------------------------------------------------------------
    def inconsistencies(self, orphan_vectors_ok: bool = False) -> list[str]:
        """Where the catalog, Chroma and the lexical index disagree on passage ids; empty when the index is whole
        (a passage waiting for its vector, see `replace_document`, is whole).

        Readers look passages up in the catalog, so vectors without a catalog row (a killed run leaves
        them until the next run's `recover`) are harmless; `orphan_vectors_ok` accepts them.
        """
        by_source: dict[str, set[str]] = {}
        for passage in self.catalog.passages():
            by_source.setdefault(passage.source, set()).add(passage.id)
        catalog_ids = set().union(*by_source.values())
        vectors = set(self.collection.get(include=[])["ids"]) | self.catalog.pending_ids()
        lexical = set(self.load_lexical().ids)
        problems = [
            f"{source}: {len(ids - vectors)} passages in the catalog without vectors and not waiting for one"
            for source, ids in sorted(by_source.items())
            if not ids <= vectors
        ]
        if lexical != catalog_ids:
            problems.append(f"lexical index: {len(lexical - catalog_ids)} ids not in the catalog, {len(catalog_ids - lexical)} missing")
        documents = {document.source for document, _, _ in self.catalog.documents()}
        if documents != set(by_source):
            problems.append(f"documents without passages or passages without a document: {sorted(documents ^ set(by_source))[:5]}")
        if not orphan_vectors_ok and not vectors <= catalog_ids:
            problems.append(f"{len(vectors - catalog_ids)} vectors without a catalog passage")
        return problems
