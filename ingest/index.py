"""The index on disk: catalog (SQLite) + vectors (Chroma) + lexical (BM25), written and read together.

Layout of the index folder (default `.index/`):
    catalog.sqlite   documents, passages, tokens, the embedder that made the vectors
    chroma/          Chroma PersistentClient data (unused when a Chroma server URL is configured)
    lexical/         bm25s index over the catalog's tokens
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from .catalog import Catalog
from .embedders import Embedder
from .lexical import LexicalIndex
from .model import Document, Passage

COLLECTION = "asisten_passages"
_ADD_BATCH = 1000


class IndexStateError(Exception):
    """The index cannot be used as asked; the message says what to do (Indonesian)."""


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
    values.update({f"tag_{tag}": True for tag in passage.tags})  # Chroma filters on flat booleans
    return {key: value for key, value in values.items() if value is not None}


class Index:
    def __init__(self, index_dir: Path, chroma_url: str | None = None) -> None:
        self.dir = index_dir
        self.catalog = Catalog(index_dir / "catalog.sqlite")
        self._client = chroma_client(index_dir, chroma_url)
        self.collection = self._client.get_or_create_collection(
            COLLECTION, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )

    @property
    def embedder_name(self) -> str | None:
        return self.catalog.get_meta("embedder")

    def check_embedder(self, embedder: Embedder) -> None:
        recorded = self.embedder_name
        if recorded and recorded != embedder.name:
            raise IndexStateError(
                f"indeks dibuat dengan embedder '{recorded}', bukan '{embedder.name}'; "
                f"setel ASISTEN_EMBEDDER={recorded} atau jalankan 'asisten ingest --rebuild'"
            )

    def clear(self) -> None:
        """Drop everything (used when the embedder changes: old vectors cannot be compared with new ones)."""
        self._client.delete_collection(COLLECTION)
        self.collection = self._client.get_or_create_collection(
            COLLECTION, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
        for source in list(self.catalog.fingerprints()):
            self.catalog.remove(source)
        self.catalog.set_meta("embedder", "")

    # --- writing -------------------------------------------------------------------------------
    def replace_document(
        self,
        document: Document,
        passages: list[Passage],
        embeddings: np.ndarray,
        tokens: list[list[str]],
        embedder: str,
        fingerprint: str,
        origin: str,
        extracts: list[tuple[str, dict]] = (),
    ) -> None:
        """New vectors first, the catalog swap (one SQLite transaction) as the commit point, old vectors last.

        A run killed before the commit leaves the old passages in place (their vectors untouched) and
        a pending fingerprint, so the next run redoes the document; killed after it, only orphan
        vectors remain, which readers ignore (they look passages up in the catalog) and the next run
        deletes (`recover`). The lexical index is marked stale and rebuilt from the catalog.
        """
        self._begin_change(document.source)
        for start in range(0, len(passages), _ADD_BATCH):
            batch = passages[start : start + _ADD_BATCH]
            self.collection.upsert(
                ids=[p.id for p in batch],
                embeddings=embeddings[start : start + _ADD_BATCH],
                metadatas=[_chroma_metadata(document, p) for p in batch],
                documents=[p.search_text for p in batch],
            )
        self.catalog.set_meta("embedder", embedder)
        self.catalog.replace(document, passages, tokens, fingerprint, origin, extracts)
        current = {p.id for p in passages}
        stale = [pid for pid in self.collection.get(where={"source": document.source}, include=[])["ids"] if pid not in current]
        if stale:
            self.collection.delete(ids=stale)

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
        """Repair what a killed run left: drop orphan vectors, redo documents missing vectors.

        Called at the start of an ingest after one that did not finish (see `pipeline.ingest`).
        """
        stored = set(self.collection.get(include=[])["ids"])
        catalog_ids: set[str] = set()
        for source in self.catalog.fingerprints():
            ids = {p.id for p in self.catalog.passages(source)}
            catalog_ids |= ids
            if not ids <= stored:
                self.catalog.mark_pending(source)
        orphans = sorted(stored - catalog_ids)
        for start in range(0, len(orphans), _ADD_BATCH):
            self.collection.delete(ids=orphans[start : start + _ADD_BATCH])
        if orphans:
            self.catalog.set_meta("lexical_stale", "1")

    @property
    def lexical_stale(self) -> bool:
        """True when the catalog changed after the lexical index was last built (or it never was)."""
        return self.catalog.get_meta("lexical_stale") == "1" or not (self.dir / "lexical" / "ids.json").exists()

    def rebuild_lexical(self) -> None:
        """Build beside the live folder, then swap, so a kill mid-save never leaves a half-written index."""
        live, fresh, old = (self.dir / name for name in ("lexical", "lexical.new", "lexical.old"))
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
        return LexicalIndex.load(self.dir / "lexical")

    def vectors(self, ids: list[str]) -> np.ndarray:
        """Stored vectors of the given passages, in the given order."""
        stored = self.collection.get(ids=ids, include=["embeddings"])
        by_id = dict(zip(stored["ids"], stored["embeddings"]))
        return np.stack([np.asarray(by_id[pid], dtype=np.float32) for pid in ids])

    def dense_search(self, query_vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """Top-k (id, cosine similarity). Chroma returns fewer when it holds fewer: no count() per query."""
        result = self.collection.query(
            query_embeddings=[np.asarray(query_vector, dtype=np.float32)],
            n_results=k,
            where=where or None,
            include=["distances"],
        )
        return [(pid, 1.0 - float(dist)) for pid, dist in zip(result["ids"][0], result["distances"][0])]

    # --- checking ------------------------------------------------------------------------------
    def inconsistencies(self, orphan_vectors_ok: bool = False) -> list[str]:
        """Where the catalog, Chroma and the lexical index disagree on passage ids; empty when the index is whole.

        Readers look passages up in the catalog, so vectors without a catalog row (a killed run leaves
        them until the next run's `recover`) are harmless; `orphan_vectors_ok` accepts them.
        """
        by_source: dict[str, set[str]] = {}
        for passage in self.catalog.passages():
            by_source.setdefault(passage.source, set()).add(passage.id)
        catalog_ids = set().union(*by_source.values())
        vectors = set(self.collection.get(include=[])["ids"])
        lexical = set(self.load_lexical().ids)
        problems = [
            f"{source}: {len(ids - vectors)} passages in the catalog without vectors"
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
