"""One ingest at a time per index: an exclusive `flock` on `<index>/ingest.lock`.

The kernel drops the lock when its process dies, even by `kill -9`, so a crashed run never leaves a
stale lock behind. The file records who holds it, for the message the second run shows.
"""

from __future__ import annotations

import fcntl
import os
import socket
from datetime import datetime, timezone
from pathlib import Path

from .problems import LoadError


class IngestLocked(LoadError):
    """Another process is ingesting into this index, so no file can be indexed now; the message says which one."""

    def __init__(self, holder: str) -> None:
        super().__init__("locked", holder=holder)


class IngestLock:
    def __init__(self, index_dir: Path) -> None:
        self.path = index_dir / "ingest.lock"
        self._handle = None

    def __enter__(self) -> IngestLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            handle.close()
            raise IngestLocked(holder) from None
        handle.seek(0)
        handle.truncate()
        since = datetime.now(timezone.utc).isoformat(timespec="seconds")
        handle.write(f"PID {os.getpid()} @ {socket.gethostname()}, {since}")
        handle.flush()
        self._handle = handle
        return self

    def __exit__(self, *exc) -> None:
        if self._handle is not None:
            self._handle.seek(0)
            self._handle.truncate()
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None
