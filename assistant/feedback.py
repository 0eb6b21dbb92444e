"""Users' 👍/👎 on answers, kept in a local SQLite file with the question, answer and citations.

Each record is self-contained (the citations are stored, not just ids), so the file can be read
later to improve the corpus or the ranking even after the index has been rebuilt. One connection
per call: several browser sessions write from their own threads.

Feedback is a side channel: a locked, full or read-only store must never break the chat, so writes
report failure (None / False, the cause logged) instead of raising.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

log = logging.getLogger(__name__)

MAX_COMMENT_CHARS = 2000  # longer comments are cut; the app's comment field stops at the same length
BUSY_TIMEOUT_S = 2.0  # how long a write waits for another writer before giving up (the user is waiting)

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
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
        db.executescript(SCHEMA)
        return db

    def record(self, rating: int, question: str, answer: str, found: bool, mode: str, citations: list[dict]) -> int | None:
        """Store a rating (1 or -1) for one answer: the record id for a later comment or change, or None
        when the store cannot be written (locked, disk full, read-only)."""
        if rating not in (1, -1):
            raise ValueError(f"rating must be 1 or -1, not {rating!r}")  # a caller's bug, never the user's
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        try:
            with closing(self._connect()) as db, db:
                cursor = db.execute(
                    "INSERT INTO feedback (created_at, rating, question, answer, found, mode, citations) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (now, rating, question, answer, int(found), mode, json.dumps(citations, ensure_ascii=False)),
                )
                return int(cursor.lastrowid)
        except (sqlite3.Error, OSError) as error:
            log.warning("feedback not stored in %s: %s", self.path, error)
            return None

    def update(self, record_id: int, rating: int | None = None, comment: str | None = None) -> bool:
        """Change the rating and/or set the comment (cut at MAX_COMMENT_CHARS); False when not stored."""
        try:
            with closing(self._connect()) as db, db:
                if rating is not None:
                    db.execute("UPDATE feedback SET rating = ? WHERE id = ?", (rating, record_id))
                if comment is not None:
                    db.execute("UPDATE feedback SET comment = ? WHERE id = ?", (comment.strip()[:MAX_COMMENT_CHARS], record_id))
            return True
        except (sqlite3.Error, OSError) as error:
            log.warning("feedback %s not updated in %s: %s", record_id, self.path, error)
            return False

    def records(self) -> list[FeedbackRecord]:
        with closing(self._connect()) as db:
            rows = db.execute(
                "SELECT id, created_at, rating, comment, question, answer, found, mode, citations FROM feedback ORDER BY id"
            ).fetchall()
        return [
            FeedbackRecord(row[0], row[1], row[2], row[3], row[4], row[5], bool(row[6]), row[7], json.loads(row[8]))
            for row in rows
        ]
