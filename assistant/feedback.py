"""Users' 👍/👎 on answers, kept in a local SQLite file with the question, answer and citations.

Each record is self-contained (the citations are stored, not just ids), so the file can be read
later to improve the corpus or the ranking even after the index has been rebuilt. One connection
per call: several browser sessions write from their own threads.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    rating INTEGER NOT NULL,          -- 1 = 👍, -1 = 👎
    comment TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    found INTEGER NOT NULL,
    mode TEXT NOT NULL,
    citations TEXT NOT NULL           -- JSON list in the CLI's citation format
);
"""


@dataclass(frozen=True)
class FeedbackRecord:
    id: int
    created_at: str
    rating: int
    comment: str
    question: str
    answer: str
    found: bool
    mode: str
    citations: list[dict]


class FeedbackStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=10)
        db.executescript(SCHEMA)
        return db

    def record(self, rating: int, question: str, answer: str, found: bool, mode: str, citations: list[dict]) -> int:
        """Store a rating (1 or -1) for one answer; returns the record id for a later comment or change."""
        if rating not in (1, -1):
            raise ValueError(f"rating harus 1 atau -1, bukan {rating!r}")
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with closing(self._connect()) as db, db:
            cursor = db.execute(
                "INSERT INTO feedback (created_at, rating, question, answer, found, mode, citations) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (now, rating, question, answer, int(found), mode, json.dumps(citations, ensure_ascii=False)),
            )
            return int(cursor.lastrowid)

    def update(self, record_id: int, rating: int | None = None, comment: str | None = None) -> None:
        with closing(self._connect()) as db, db:
            if rating is not None:
                db.execute("UPDATE feedback SET rating = ? WHERE id = ?", (rating, record_id))
            if comment is not None:
                db.execute("UPDATE feedback SET comment = ? WHERE id = ?", (comment.strip(), record_id))

    def records(self) -> list[FeedbackRecord]:
        with closing(self._connect()) as db:
            rows = db.execute(
                "SELECT id, created_at, rating, comment, question, answer, found, mode, citations FROM feedback ORDER BY id"
            ).fetchall()
        return [
            FeedbackRecord(row[0], row[1], row[2], row[3], row[4], row[5], bool(row[6]), row[7], json.loads(row[8]))
            for row in rows
        ]
