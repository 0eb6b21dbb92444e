"""The catalog: which documents are indexed (with their content hash) and every passage's full record.

SQLite beside the vector store. It is the source of truth for "is this file already indexed", for
passage text and citation metadata, and for the lexical index, which is rebuilt from the tokens
stored here without re-reading any file.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

from .model import Document, Passage

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    source TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, origin TEXT NOT NULL, data TEXT NOT NULL,
    passages INTEGER NOT NULL, ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS passages (
    id TEXT PRIMARY KEY, source TEXT NOT NULL, ord INTEGER NOT NULL, data TEXT NOT NULL, tokens TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_source ON passages(source, ord);
CREATE TABLE IF NOT EXISTS extracts (source TEXT NOT NULL, kind TEXT NOT NULL, ord INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS extracts_kind ON extracts(kind, source, ord);
"""


class Catalog:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        self._db.close()

    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def fingerprints(self) -> dict[str, tuple[str, str]]:
        """source → (fingerprint, origin path) of every indexed document."""
        rows = self._db.execute("SELECT source, fingerprint, origin FROM documents")
        return {source: (fingerprint, origin) for source, fingerprint, origin in rows}

    def documents(self) -> list[tuple[Document, int, str]]:
        """(document, passage count, ingested_at) for every indexed document, by source name."""
        rows = self._db.execute("SELECT data, passages, ingested_at FROM documents ORDER BY source")
        return [(Document(**json.loads(data)), count, when) for data, count, when in rows]

    def replace(
        self,
        document: Document,
        passages: list[Passage],
        tokens: list[list[str]],
        fingerprint: str,
        origin: str,
        extracts: list[tuple[str, dict]] = (),
    ) -> None:
        """Swap a document's passages (and what was extracted from them: definitions, obligations,
        relations, as (kind, record) pairs) in one transaction: readers see the old or the new, never a mix."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._db:
            self._db.execute("DELETE FROM passages WHERE source = ?", (document.source,))
            self._db.execute("DELETE FROM extracts WHERE source = ?", (document.source,))
            self._db.executemany(
                "INSERT INTO extracts VALUES (?, ?, ?, ?)",
                [(document.source, kind, i, json.dumps(record, ensure_ascii=False)) for i, (kind, record) in enumerate(extracts)],
            )
            self._db.executemany(
                "INSERT INTO passages VALUES (?, ?, ?, ?, ?)",
                [
                    (p.id, p.source, i, json.dumps(asdict(p), ensure_ascii=False), json.dumps(t, ensure_ascii=False))
                    for i, (p, t) in enumerate(zip(passages, tokens))
                ],
            )
            self._db.execute(
                "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?)",
                (document.source, fingerprint, origin, json.dumps(document.to_dict(), ensure_ascii=False), sum(not p.parent for p in passages), now),
            )

    def mark_pending(self, source: str) -> None:
        with self._db:
            self._db.execute("UPDATE documents SET fingerprint = '' WHERE source = ?", (source,))

    def remove(self, source: str) -> None:
        with self._db:
            self._db.execute("DELETE FROM passages WHERE source = ?", (source,))
            self._db.execute("DELETE FROM extracts WHERE source = ?", (source,))
            self._db.execute("DELETE FROM documents WHERE source = ?", (source,))

    def passages(self, source: str | None = None) -> list[Passage]:
        query = "SELECT data FROM passages" + (" WHERE source = ?" if source else "") + " ORDER BY source, ord"
        return [Passage(**json.loads(data)) for (data,) in self._db.execute(query, (source,) if source else ())]

    def extracts(self, kind: str) -> list[dict]:
        """Records of one kind ("definition", "obligation", "relation") of every document, in reading order."""
        rows = self._db.execute("SELECT data FROM extracts WHERE kind = ? ORDER BY source, ord", (kind,))
        return [json.loads(data) for (data,) in rows]

    def ids_and_tokens(self) -> tuple[list[str], list[list[str]]]:
        rows = self._db.execute("SELECT id, tokens FROM passages ORDER BY source, ord").fetchall()
        return [pid for pid, _ in rows], [json.loads(tokens) for _, tokens in rows]
