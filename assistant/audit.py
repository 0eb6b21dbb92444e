"""Who changed the corpus from the app, and who failed to sign in: an append-only SQLite log.

Triggers refuse UPDATE and DELETE, so a row once written stays as written (short of deleting the
file, which the app never does). Times are UTC; the clock is injectable for tests. One connection
per call, like the feedback store: several browser sessions write from their own threads.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,                 -- UTC, ISO 8601
    who TEXT NOT NULL,                -- browser session id, or 'admin'
    action TEXT NOT NULL,             -- login, login-failed, logout, upload, replace
    file TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT ''  -- indexed, unchanged, or the problem code
);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
"""


@dataclass(frozen=True)
class AuditEntry:
    at: str
    who: str
    action: str
    file: str
    sha256: str
    outcome: str


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class AuditLog:
    def __init__(self, path: Path, clock: Callable[[], datetime] = utc_now) -> None:
        self.path = path
        self.clock = clock

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=10)
        db.executescript(SCHEMA)
        return db

    def record(self, who: str, action: str, file: str = "", sha256: str = "", outcome: str = "") -> None:
        at = self.clock().astimezone(timezone.utc).isoformat(timespec="seconds")
        with closing(self._connect()) as db, db:
            db.execute(
                "INSERT INTO audit (at, who, action, file, sha256, outcome) VALUES (?, ?, ?, ?, ?, ?)",
                (at, who, action, file, sha256, outcome),
            )

    def entries(self, limit: int = 200) -> list[AuditEntry]:
        """The newest `limit` entries, newest first."""
        if not self.path.exists():
            return []
        with closing(self._connect()) as db:
            rows = db.execute(
                "SELECT at, who, action, file, sha256, outcome FROM audit ORDER BY id DESC LIMIT ?", (limit,)
            ).fetchall()
        return [AuditEntry(*row) for row in rows]
