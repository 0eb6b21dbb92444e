"""The catalog: which documents are indexed (with their content hash) and every passage's full record.

SQLite beside the vector store. It is the source of truth for "is this file already indexed", for
passage text and citation metadata, and for the lexical index, which is rebuilt from the tokens
stored here without re-reading any file.

Schema versions: `PRAGMA user_version` counts the steps of MIGRATIONS a catalog has been through, and
opening one applies the missing steps in order, each in its own transaction with the version it
reaches, so an index made by an older release keeps working without a rebuild. A catalog from a newer
release (a version beyond the list) is refused with `CatalogTooNew` and left untouched.

To change what the catalog stores, append ONE function to MIGRATIONS; never edit or reorder a
released step. A new table or column is a step of SQL statements (`sql_step`); a renamed field of the
JSON records is `rename_field("passages", "old", "new")`; a new field with a default needs no step
(records without it read the default). Fresh catalogs go through the same steps.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from datetime import datetime, timezone
from collections.abc import Iterator
from pathlib import Path
from typing import Callable

from .errors import UserError
from .model import Document, Passage

Migration = Callable[[sqlite3.Connection], None]


class IndexStateError(UserError):
    """The index cannot be used as asked; the message says what to do."""


class CatalogTooNew(IndexStateError):
    """The catalog was written by a newer release than this one; it is not opened, let alone changed."""

    def __init__(self, path: Path, version: int, known: int) -> None:
        super().__init__("catalog_too_new", path=path, version=version, known=known)


def sql_step(*statements: str) -> Migration:
    """A migration step of SQL statements (run one by one: `executescript` would commit midway)."""

    def step(db: sqlite3.Connection) -> None:
        for statement in statements:
            db.execute(statement)

    return step


def rename_field(table: str, old: str, new: str) -> Migration:
    """A migration step renaming a key of the JSON records (`data`) in documents, passages or extracts."""

    def step(db: sqlite3.Connection) -> None:
        for rowid, data in db.execute(f"SELECT rowid, data FROM {table}").fetchall():
            record = json.loads(data)
            if old in record:
                record[new] = record.pop(old)
                db.execute(f"UPDATE {table} SET data = ? WHERE rowid = ?", (json.dumps(record, ensure_ascii=False), rowid))

    return step


# Step n brings a catalog from version n-1 to n. Step 1 is the schema as first released: catalogs of
# that release carry version 0 with these tables already there, which its IF NOT EXISTS leaves alone.
MIGRATIONS: list[Migration] = [
    sql_step(
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE IF NOT EXISTS documents (
            source TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, origin TEXT NOT NULL, data TEXT NOT NULL,
            passages INTEGER NOT NULL, ingested_at TEXT NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS passages (
            id TEXT PRIMARY KEY, source TEXT NOT NULL, ord INTEGER NOT NULL, data TEXT NOT NULL, tokens TEXT NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS passages_source ON passages(source, ord)",
        "CREATE TABLE IF NOT EXISTS extracts (source TEXT NOT NULL, kind TEXT NOT NULL, ord INTEGER NOT NULL, data TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS extracts_kind ON extracts(kind, source, ord)",
    ),
    # 2: passages committed before their vectors (lexical-first ingest, see Index.replace_document).
    sql_step("CREATE TABLE IF NOT EXISTS pending_vectors (id TEXT PRIMARY KEY)"),
    # 3: what ranking reads of every passage, repeated in a narrow table: a reader loads it without
    # paging through every passage's text (seconds at 1M passages, evaluations/README.md).
    sql_step(
        """CREATE TABLE IF NOT EXISTS passage_fields (
            source TEXT NOT NULL, ord INTEGER NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL, pasal TEXT, tags TEXT NOT NULL,
            PRIMARY KEY (source, ord)
        ) WITHOUT ROWID""",
        "INSERT OR IGNORE INTO passage_fields SELECT source, ord, id, json_extract(data, '$.kind'), "
        "json_extract(data, '$.pasal'), json_extract(data, '$.tags') FROM passages",
    ),
    # 4: a retrieval unit's parent passage (ingest/units.py), so ranking folds a unit into its parent
    # without reading passage records.
    sql_step(
        "ALTER TABLE passage_fields ADD COLUMN parent TEXT",
        "UPDATE passage_fields SET parent = (SELECT json_extract(data, '$.parent') FROM passages WHERE passages.id = passage_fields.id)",
    ),
]


def schema_version(db: sqlite3.Connection) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite3.Connection, path: Path) -> None:
    """Apply the steps a catalog lacks, each with the version it reaches in one transaction (two
    processes opening an old catalog at once: the second finds the step done and skips it)."""
    if schema_version(db) > len(MIGRATIONS):
        raise CatalogTooNew(path, schema_version(db), len(MIGRATIONS))
    while schema_version(db) < len(MIGRATIONS):
        db.execute("BEGIN IMMEDIATE")
        try:
            version = schema_version(db)  # re-read under the write lock
            if version < len(MIGRATIONS):
                MIGRATIONS[version](db)
                db.execute(f"PRAGMA user_version = {version + 1}")
            db.commit()
        except BaseException:
            db.rollback()
            raise

_ID_BATCH = 500  # ids per `IN (...)` query, below SQLite's bound on parameters


class Catalog:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False)
        try:
            migrate(self._db, path)
        except BaseException:
            self._db.close()
            raise

    def close(self) -> None:
        self._db.close()

    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def version(self) -> int:
        """Bumped by every change of passages (`replace`, `remove`): a reader compares it per question, cheaply."""
        return int(self.get_meta("version") or 0)

    def _bump_version(self) -> None:
        """Inside the caller's transaction, so readers never see new passages under the old version."""
        self._db.execute(
            "INSERT INTO meta VALUES ('version', '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

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
        pending: list[str] = (),
    ) -> None:
        """Swap a document's passages (and what was extracted from them: definitions, obligations,
        relations, as (kind, record) pairs) in one transaction: readers see the old or the new, never a mix.

        `pending` names the new passages whose vectors are not stored yet (answerable lexically until then)."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._db:
            self._forget_pending(document.source)
            self._db.executemany("INSERT OR IGNORE INTO pending_vectors VALUES (?)", [(pid,) for pid in pending])
            self._db.execute("DELETE FROM passages WHERE source = ?", (document.source,))
            self._db.execute("DELETE FROM extracts WHERE source = ?", (document.source,))
            self._db.execute("DELETE FROM passage_fields WHERE source = ?", (document.source,))
            self._db.executemany(
                "INSERT INTO passage_fields VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (p.source, i, p.id, p.kind, p.pasal, json.dumps(p.tags, separators=(",", ":")), p.parent)
                    for i, p in enumerate(passages)
                ],
            )
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
            self._bump_version()

    def mark_pending(self, source: str) -> None:
        with self._db:
            self._db.execute("UPDATE documents SET fingerprint = '' WHERE source = ?", (source,))

    def remove(self, source: str) -> None:
        with self._db:
            self._forget_pending(source)
            self._db.execute("DELETE FROM passages WHERE source = ?", (source,))
            self._db.execute("DELETE FROM extracts WHERE source = ?", (source,))
            self._db.execute("DELETE FROM passage_fields WHERE source = ?", (source,))
            self._db.execute("DELETE FROM documents WHERE source = ?", (source,))
            self._bump_version()

    def passages(self, source: str | None = None) -> list[Passage]:
        query = "SELECT data FROM passages" + (" WHERE source = ?" if source else "") + " ORDER BY source, ord"
        return [Passage(**json.loads(data)) for (data,) in self._db.execute(query, (source,) if source else ())]

    def passages_by_id(self, ids: list[str]) -> dict[str, Passage]:
        """The passages of the given ids that the catalog holds (a reader's ids may outlive an ingest)."""
        found: dict[str, Passage] = {}
        for start in range(0, len(ids), _ID_BATCH):
            batch = ids[start : start + _ID_BATCH]
            query = f"SELECT id, data FROM passages WHERE id IN ({','.join('?' * len(batch))})"
            found.update((pid, Passage(**json.loads(data))) for pid, data in self._db.execute(query, batch))
        return found

    def ranking_fields(self) -> Iterator[tuple[str, str, str, str | None, str, str | None]]:
        """(id, source, kind, pasal, tags as JSON, parent) of every passage in reading order: what ranking
        needs, without loading a million passage texts."""
        return self._db.execute("SELECT id, source, kind, pasal, tags, parent FROM passage_fields ORDER BY source, ord")

    def extracts(self, kind: str) -> list[dict]:
        """Records of one kind ("definition", "obligation", "relation") of every document, in reading order."""
        rows = self._db.execute("SELECT data FROM extracts WHERE kind = ? ORDER BY source, ord", (kind,))
        return [json.loads(data) for (data,) in rows]

    def ids_and_tokens(self) -> tuple[list[str], list[list[str]]]:
        rows = self._db.execute("SELECT id, tokens FROM passages ORDER BY source, ord").fetchall()
        return [pid for pid, _ in rows], [json.loads(tokens) for _, tokens in rows]

    # --- passages waiting for their vectors ------------------------------------------------------
    def _forget_pending(self, source: str) -> None:
        self._db.execute("DELETE FROM pending_vectors WHERE id IN (SELECT id FROM passages WHERE source = ?)", (source,))

    def add_pending(self, ids: list[str]) -> None:
        with self._db:
            self._db.executemany("INSERT OR IGNORE INTO pending_vectors VALUES (?)", [(pid,) for pid in ids])

    def clear_pending(self, ids: list[str]) -> None:
        with self._db:
            self._db.executemany("DELETE FROM pending_vectors WHERE id = ?", [(pid,) for pid in ids])

    def pending_count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM pending_vectors").fetchone()[0]

    def pending_ids(self) -> set[str]:
        return {pid for (pid,) in self._db.execute("SELECT id FROM pending_vectors")}

    def pending_among(self, ids: list[str]) -> set[str]:
        """Those of `ids` still waiting for a vector (one lookup each by primary key, not the whole table)."""
        return {pid for pid in ids if self._db.execute("SELECT 1 FROM pending_vectors WHERE id = ?", (pid,)).fetchone()}

    def pending(self, limit: int) -> list[tuple[Document, Passage]]:
        """Up to `limit` passages waiting for vectors, smallest documents first: they become whole soonest."""
        rows = self._db.execute(
            "SELECT d.data, p.data FROM pending_vectors v JOIN passages p ON p.id = v.id"
            " JOIN documents d ON d.source = p.source ORDER BY d.passages, p.source, p.ord LIMIT ?",
            (limit,),
        )
        return [(Document(**json.loads(document)), Passage(**json.loads(passage))) for document, passage in rows]
