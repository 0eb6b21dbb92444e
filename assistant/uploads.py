"""Documents added from the app: admin check, file checks, then the normal ingest of that one file.

An upload never costs what is already indexed: the file is written beside the corpus under a
hidden name first, a file it replaces is kept until the new one has been indexed, and a file that
fails to index is removed again (or the old one put back).
"""

from __future__ import annotations

import hmac
import os
import re
import threading
from pathlib import Path

from ingest.pipeline import NOT_DOCUMENTS, FileResult, ingest

from .service import Assistant

ALLOWED_SUFFIXES = (".pdf", ".md", ".markdown", ".txt", ".docx")
_UNSAFE = re.compile(r"[^A-Za-z0-9._()+-]+")
# One writer at a time per process: two admins uploading at once must not interleave ingests.
_WRITE_LOCK = threading.Lock()


class UploadRejected(Exception):
    """The upload cannot be accepted; the message says why (Indonesian)."""


def secret_matches(given: str, configured: str | None) -> bool:
    """Constant-time comparison; with no secret configured nothing matches (uploads are off)."""
    if not configured or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), configured.encode("utf-8"))


def safe_name(name: str) -> str:
    """The bare file name, without folders, with only plain characters, e.g. 'Perbup 22 (2019).pdf' → 'Perbup-22-(2019).pdf'."""
    bare = re.split(r"[\\/]", name)[-1].strip()
    cleaned = _UNSAFE.sub("-", bare).strip("-")
    if not cleaned or cleaned.startswith(".") or not Path(cleaned).stem.strip("-."):
        raise UploadRejected(f"nama berkas tidak valid: {name!r}")
    return cleaned


def check_upload(name: str, size: int, max_mb: int) -> str:
    """The safe name to store the file under, or UploadRejected saying what is wrong with it."""
    cleaned = safe_name(name)
    suffix = Path(cleaned).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        allowed = ", ".join(s.lstrip(".").upper() for s in ALLOWED_SUFFIXES)
        raise UploadRejected(f"{cleaned}: format {suffix or '(tanpa ekstensi)'} tidak didukung (boleh: {allowed})")
    if cleaned.lower() in NOT_DOCUMENTS:
        raise UploadRejected(f"{cleaned}: nama ini dipakai untuk catatan korpus dan tidak diindeks; ganti namanya")
    if size <= 0:
        raise UploadRejected(f"{cleaned}: berkas kosong")
    if size > max_mb * 1024 * 1024:
        raise UploadRejected(f"{cleaned}: {size / 1024 / 1024:.1f} MB melebihi batas {max_mb} MB")
    return cleaned


def add_document(assistant: Assistant, name: str, data: bytes, replace: bool = False) -> FileResult:
    """Check, store in the corpus folder and index one uploaded file; the result says indexed or why not.

    The caller reloads the assistant once after a batch, so new documents become searchable.
    """
    settings = assistant.settings
    try:
        cleaned = check_upload(name, len(data), settings.max_file_mb)
    except UploadRejected as error:
        return FileResult(name, "failed", message=str(error))
    corpus = settings.corpus
    target = corpus / cleaned
    with _WRITE_LOCK:
        existed = target.exists()
        if (existed or cleaned in assistant.index.catalog.fingerprints()) and not replace:
            return FileResult(cleaned, "failed", message=f"{cleaned} sudah ada; pilih 'ganti berkas yang sudah ada' untuk menggantinya")
        corpus.mkdir(parents=True, exist_ok=True)
        incoming, backup = corpus / f".{cleaned}.upload", corpus / f".{cleaned}.previous"
        incoming.write_bytes(data)
        if existed:
            os.replace(target, backup)
        os.replace(incoming, target)
        report = ingest([target], assistant.index, assistant.embedder, progress=False)
        result = next((r for r in report.results if r.source == cleaned), None) or FileResult(
            cleaned, "failed", message="berkas tidak diproses"
        )
        if result.status in ("indexed", "unchanged"):
            backup.unlink(missing_ok=True)
        elif existed:
            os.replace(backup, target)
        else:
            target.unlink(missing_ok=True)
    return result
