"""One way to spread page work over the cores: Tesseract on scanned pages (ingest/ocr.py) and
pdfplumber's layout analysis on ruled pages (ingest/pdf_tables.py)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

# Workers start from a fresh interpreter: forking a process that runs threads (the app's background
# embedding, tqdm's monitor) can copy a held lock into the child.
POOL_START = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
WORKERS = os.cpu_count() or 1  # one worker per core

Item = TypeVar("Item")
Result = TypeVar("Result")


def map_in_pool(
    function: Callable[[Item], Result], items: Sequence[Item], workers: int, initializer: Callable[[], None] | None = None
) -> list[Result]:
    """`function` of each item, in order, by a pool of `workers` processes, or in this process for one.

    `function` must be picklable (a module-level function or a `functools.partial` of one). A failing
    item fails the whole map: the items not yet started are cancelled, not read in vain."""
    if workers <= 1:
        return [function(item) for item in items]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(POOL_START), initializer=initializer) as pool:
        try:
            return list(pool.map(function, items))
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise
