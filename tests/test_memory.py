"""Freed heap memory goes back to the system (ingest/memory.py): what keeps a batch build's RSS flat."""

from __future__ import annotations

import pytest

from ingest.memory import _malloc_trim, return_freed_memory


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS:"))


@pytest.mark.skipif(_malloc_trim() is None, reason="glibc's malloc_trim is not available here")
def test_memory_freed_between_live_blocks_is_returned():
    blocks = [bytearray(4000) for _ in range(60_000)]  # ~240 MB of heap blocks, each below glibc's mmap threshold
    kept = blocks[::64]  # live blocks scattered through the heap: glibc cannot shrink it from the top
    del blocks
    before = _rss_mb()
    return_freed_memory()
    after = _rss_mb()
    del kept
    assert before - after > 150, (before, after)

