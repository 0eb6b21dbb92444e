"""Documents added from the app: admin check, then ingest's own upload checks and the normal ingest of that one file.

Names and bytes are checked by `ingest.uploads` (safe name, type, size, real file type). An upload
never costs what is already indexed: the file is written beside the corpus under a hidden name
first, a file it replaces is kept until the new one has been indexed, and a file that fails to
index is removed again (or the old one put back).
"""

from __future__ import annotations

import hmac
import os
import threading

from ingest.pipeline import NOT_DOCUMENTS, FileResult, ingest
from ingest.problems import LoadError, Problem
from ingest.uploads import check_upload, safe_filename

from .service import Assistant

# One writer at a time per process: two admins uploading at once must not interleave ingests.
_WRITE_LOCK = threading.Lock()


def secret_matches(given: str, configured: str | None) -> bool:
    """Constant-time comparison; with no secret configured nothing matches (uploads are off)."""
    if not configured or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), configured.encode("utf-8"))


def add_document(assistant: Assistant, name: str, data: bytes, replace: bool = False) -> FileResult:
    """Check, store in the corpus folder and index one uploaded file; the result says indexed or why not.

    The caller reloads the assistant once after a batch, so new documents become searchable.
    """
    settings = assistant.settings
    cleaned = safe_filename(name)
    if cleaned.lower() in NOT_DOCUMENTS:
        return FileResult(cleaned, "failed", problem=Problem("reserved_name"))
    try:
        check_upload(data, cleaned, settings.max_file_mb * 2**20)
    except LoadError as error:
        return FileResult(cleaned, "failed", problem=error.problem)
    corpus = settings.corpus
    target = corpus / cleaned
    with _WRITE_LOCK:
        existed = target.exists()
        if (existed or cleaned in assistant.index.catalog.fingerprints()) and not replace:
            return FileResult(cleaned, "failed", problem=Problem("already_exists"))
        corpus.mkdir(parents=True, exist_ok=True)
        incoming, backup = corpus / f".{cleaned}.upload", corpus / f".{cleaned}.previous"
        incoming.write_bytes(data)
        if existed:
            os.replace(target, backup)
        os.replace(incoming, target)
        report = ingest([target], assistant.index, assistant.embedder, ocr=settings.ocr, progress=False)
        result = next((r for r in report.results if r.source == cleaned), None) or FileResult(
            cleaned, "failed", problem=Problem("not_processed")
        )
        if result.status in ("indexed", "unchanged"):
            backup.unlink(missing_ok=True)
        elif existed:
            os.replace(backup, target)
        else:
            target.unlink(missing_ok=True)
    return result
