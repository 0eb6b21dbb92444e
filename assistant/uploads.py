"""Documents added from the app: the admin gate, then ingest's own upload checks and the normal ingest of that one file.

Names and bytes are checked by `ingest.uploads` (safe name, type, size, real file type). An upload
is all or nothing for the corpus folder: the file is written beside the corpus under a hidden name
first, a file it replaces is kept until the new one has been indexed, and on any failure (the file
does not index, a CLI ingest holds the lock, the disk is full, the index is read-only) the folder is
put back as it was, old version in place and no hidden working file left. Every attempt is written
to the audit log.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ingest.lock import IngestLocked
from ingest.ocr import OcrCache
from ingest.pipeline import NOT_DOCUMENTS, FileResult, ingest, is_within
from ingest.problems import LoadError, Problem
from ingest.uploads import check_upload, safe_filename
from ingest.vector_cache import VectorCache

from .audit import AuditLog
from .background import WRITES, embed_in_background
from .service import Assistant


MIN_SECRET_CHARS = 12
# The example README shows: a deployment that copied it has, in effect, a public secret.
PLACEHOLDER_SECRETS = frozenset({"ganti-dengan-sandi-panjang"})
FREE_ATTEMPTS = 3  # wrong secrets before the first wait
FIRST_WAIT_SECONDS = 2.0  # then 4, 8, … up to MAX_WAIT_SECONDS
MAX_WAIT_SECONDS = 3600.0


def secret_problem(configured: str | None) -> str | None:
    """Why the configured admin secret cannot enable uploads ('missing', 'short', 'placeholder'), else None."""
    if not configured:
        return "missing"
    if configured in PLACEHOLDER_SECRETS:
        return "placeholder"
    if len(configured) < MIN_SECRET_CHARS:
        return "short"
    return None


def secret_matches(given: str, configured: str | None) -> bool:
    """Constant-time comparison; with no secret configured nothing matches (uploads are off)."""
    if not configured or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), configured.encode("utf-8"))


@dataclass
class AdminGate:
    """One browser session's admin state: wrong secrets make it wait (doubling), idleness signs it out.

    Times are seconds of a monotonic clock passed in by the caller, so tests need no sleeps.
    """

    idle_seconds: float
    failures: int = 0
    blocked_until: float = 0.0
    last_active: float | None = None  # None: not signed in
    timed_out: bool = False  # the last sign-out was the idle timeout (the page says so)

    def wait(self, now: float) -> float:
        """Seconds before the next secret is even compared."""
        return max(0.0, self.blocked_until - now)

    def try_secret(self, given: str, configured: str | None, now: float) -> str:
        """'ok' (signed in), 'wrong', or 'wait' (blocked: the secret was not compared)."""
        if self.wait(now):
            return "wait"
        if secret_matches(given, configured):
            self.failures, self.blocked_until, self.last_active, self.timed_out = 0, 0.0, now, False
            return "ok"
        self.failures += 1
        if self.failures >= FREE_ATTEMPTS:
            self.blocked_until = now + min(FIRST_WAIT_SECONDS * 2 ** (self.failures - FREE_ATTEMPTS), MAX_WAIT_SECONDS)
        return "wrong"

    def active(self, now: float) -> bool:
        """Signed in and not idle longer than `idle_seconds`; a check while active counts as activity."""
        if self.last_active is None:
            return False
        if now - self.last_active > self.idle_seconds:
            self.last_active, self.timed_out = None, True
            return False
        self.last_active = now
        return True

    def sign_out(self) -> None:
        self.last_active = None


def add_document(assistant: Assistant, name: str, data: bytes, replace: bool = False, who: str = "admin") -> FileResult:
    """Check, store in the corpus folder and index one uploaded file; the result says indexed or why not.

    `who` goes to the audit log with the file's name, sha256 and outcome. The caller reloads the
    assistant once after a batch, so new documents become searchable.
    """
    cleaned = safe_filename(name)
    result = _add(assistant, cleaned, data, replace)
    AuditLog(assistant.settings.audit_path).record(
        who,
        "replace" if replace else "upload",
        cleaned,
        hashlib.sha256(data).hexdigest(),
        result.problem.code if result.problem else result.status,
    )
    return result


def _add(assistant: Assistant, cleaned: str, data: bytes, replace: bool) -> FileResult:
    settings = assistant.settings
    if cleaned.lower() in NOT_DOCUMENTS:
        return FileResult(cleaned, "failed", problem=Problem("reserved_name"))
    try:
        check_upload(data, cleaned, settings.max_file_mb * 2**20)
    except LoadError as error:
        return FileResult(cleaned, "failed", problem=error.problem)
    corpus = settings.corpus
    target = corpus / cleaned
    with WRITES:
        known = assistant.index.catalog.fingerprints()
        existed = target.exists() or target.is_symlink()
        if existed or cleaned in known:
            if not replace:
                return FileResult(cleaned, "failed", problem=Problem("already_exists"))
            if not _replaceable(target, corpus, known.get(cleaned, ("", ""))[1]):
                return FileResult(cleaned, "failed", problem=Problem("not_replaceable"))
        try:
            return _store_and_index(assistant, target, data, existed)
        except IngestLocked as error:
            return FileResult(cleaned, "failed", problem=error.problem)
        except (OSError, sqlite3.Error) as error:
            detail = getattr(error, "strerror", None) or f"{type(error).__name__}: {error}"[:200]
            return FileResult(cleaned, "failed", problem=Problem("storage_failed", {"detail": detail}))


def _replaceable(target: Path, corpus: Path, origin: str) -> bool:
    """Only a regular file of the corpus folder itself may be overwritten from the app.

    Not a symlink (its target may be anywhere) nor a folder; and with no file of that name in the
    corpus, not a document a CLI ingest took from another folder under the same name.
    """
    if target.is_symlink() or (target.exists() and not target.is_file()):
        return False
    return is_within(target.resolve() if target.exists() else Path(origin), corpus.resolve())


def _store_and_index(assistant: Assistant, target: Path, data: bytes, existed: bool) -> FileResult:
    """Stage, swap in, ingest; any failure, raised or reported, puts the corpus folder back."""
    settings = assistant.settings
    target.parent.mkdir(parents=True, exist_ok=True)
    incoming, backup = target.with_name(f".{target.name}.upload"), target.with_name(f".{target.name}.previous")
    moved_aside = swapped_in = False
    try:
        incoming.write_bytes(data)
        if existed:
            os.replace(target, backup)
            moved_aside = True
        os.replace(incoming, target)
        swapped_in = True
        report = ingest(
            [target],
            assistant.index,
            assistant.embedder,
            ocr=settings.ocr,
            progress=False,
            vector_cache=VectorCache.open(settings.embedding_cache_path),
            ocr_cache=OcrCache.open(settings.ocr_cache_path),
            embed_now=False,  # answerable now; the vectors follow in the background (after the lock is released)
        )
    except BaseException:
        _restore(target, incoming, backup, swapped_in, moved_aside)
        raise
    result = next((r for r in report.results if r.source == target.name), None) or FileResult(
        target.name, "failed", problem=Problem("not_processed")
    )
    if result.status in ("indexed", "unchanged"):
        backup.unlink(missing_ok=True)
        embed_in_background(assistant)
    else:
        _restore(target, incoming, backup, swapped_in, moved_aside)
    return result


def _restore(target: Path, incoming: Path, backup: Path, swapped_in: bool, moved_aside: bool) -> None:
    """Undo the steps taken, in reverse: the corpus folder as before the upload, no working file left."""
    incoming.unlink(missing_ok=True)
    if swapped_in:
        target.unlink(missing_ok=True)
    if moved_aside:
        os.replace(backup, target)
