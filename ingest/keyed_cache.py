"""A persistent SQLite map (namespace, SHA-256 digest) → bytes, for ingest work that is a pure function of its input.

Two caches use it: passage vectors (`vector_cache.py`: namespace = the embedding model, digest = of
the passage text) and the OCR text of scanned pages (`ocr.py`: namespace = the OCR engine and
language, digest = of the rendered page image). A hit is exactly what the work would have returned,
so a re-ingest or a rebuild only pays for inputs no earlier run has seen.

A cache is an accelerator, never a source of truth: a file that cannot be opened gives no cache
(`KeyedCache.open` returns None), a failed read is a miss and a failed write is dropped, so a
damaged, locked or read-only file only costs time.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, TypeVar

Cache = TypeVar("Cache", bound="KeyedCache")


@dataclass(frozen=True)
class Table:
    """A cache's table and the names of its namespace and value columns (kept, so existing files stay readable)."""

    name: str
    namespace: str
    value: str


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


class KeyedCache:
    TABLE: ClassVar[Table]  # each cache names its own table

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        table = self.TABLE
        # Several ingest runs (other indexes, other checkouts) may share one file: WAL plus a long
        # busy timeout lets them read while one writes. Within a run, the parse threads share one
        # connection (`pipeline.PARSE_THREADS`), one statement at a time.
        self._db = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
        self._lock = threading.Lock()
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            f"CREATE TABLE IF NOT EXISTS {table.name} ({table.namespace} TEXT NOT NULL, digest BLOB NOT NULL,"
            f" {table.value} BLOB NOT NULL, PRIMARY KEY ({table.namespace}, digest)) WITHOUT ROWID"
        )
        self._select = f"SELECT {table.value} FROM {table.name} WHERE {table.namespace} = ? AND digest = ?"
        self._insert = f"INSERT OR REPLACE INTO {table.name} VALUES (?, ?, ?)"

    @classmethod
    def open(cls: type[Cache], path: Path | None) -> Cache | None:
        """The cache at `path`, or None when it is switched off or its file cannot be opened."""
        if path is None:
            return None
        try:
            return cls(path)
        except (sqlite3.Error, OSError):
            return None

    def get(self, namespace: str, digests: Iterable[bytes]) -> dict[bytes, bytes]:
        """digest → stored value, for the digests the cache holds."""
        found: dict[bytes, bytes] = {}
        try:
            with self._lock:
                for digest in digests:
                    row = self._db.execute(self._select, (namespace, digest)).fetchone()
                    if row is not None:
                        found[digest] = row[0]
        except sqlite3.Error:
            return found
        return found

    def put(self, namespace: str, values: Mapping[bytes, bytes]) -> None:
        try:
            with self._lock, self._db:
                self._db.execute("BEGIN")
                self._db.executemany(self._insert, [(namespace, digest, value) for digest, value in values.items()])
        except sqlite3.Error:
            pass  # a full disk or a locked file costs only the next run's time

    def close(self) -> None:
        with self._lock:
            self._db.close()
