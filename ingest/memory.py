"""Hand freed heap memory back to the operating system.

glibc's allocator keeps the blocks a process frees for reuse. The torch engine frees activations of a
different shape with every padded batch, and the kept blocks pile up: over 3,000 corpus texts in calls
of 128, RSS grew from 553 to 875 MB, while returning them after each call held it at 486 MB at the
same speed (evaluations/README.md, sixteenth session). Parsing a corpus leaves the same kind of
free-but-kept memory behind before the embedder loads.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools


@functools.cache
def _malloc_trim():
    """glibc's `malloc_trim`, or None where the C library has none (musl, macOS, Windows)."""
    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    except OSError:
        return None


def return_freed_memory() -> None:
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
