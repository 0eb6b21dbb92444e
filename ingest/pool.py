"""How ingest spreads work over the cores: a process pool for page work (Tesseract on scanned pages,
ingest/ocr.py; pdfplumber's layout analysis on ruled pages, ingest/pdf_tables.py), and threads that
parse the next files while one waits for that pool (ingest/pipeline.py)."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from itertools import islice
from typing import TypeVar

# Workers start from a fresh interpreter: forking a process that runs threads (the app's background
# embedding, tqdm's monitor) can copy a held lock into the child.
POOL_START = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
WORKERS = os.cpu_count() or 1  # one worker per core
# One pool at a time in a process: each is as wide as the cores, and the ingest parses two files at
# once (`pipeline.PARSE_THREADS`): a second pool would only oversubscribe the cores and the memory.
_ONE_POOL = threading.Lock()

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
    with _ONE_POOL, ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(POOL_START), initializer=initializer) as pool:
        try:
            return list(pool.map(function, items))
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise


def ahead_in_order(
    function: Callable[[Item], Result], items: Iterable[Item], threads: int, ahead: int, while_waiting: Callable[[], bool]
) -> Iterator[tuple[Item, Result]]:
    """(item, `function(item)`) in the items' order, computed by `threads` threads up to `ahead` items in front.

    While the next result is not ready, `while_waiting()` is called again and again (other work of the
    caller's, such as embedding what is already indexed); it returns False when it has nothing to do,
    and the wait then blocks. The threads only pay off when `function` waits on other processes:
    Tesseract, a pool (`map_in_pool`), the disk. An exception of `function` is raised here, in order."""
    window: deque[tuple[Item, Future[Result]]] = deque()
    pending = iter(items)
    executor = ThreadPoolExecutor(threads, thread_name_prefix="ingest-ahead")
    try:
        while True:
            window.extend((item, executor.submit(function, item)) for item in islice(pending, ahead - len(window)))
            if not window:
                return
            item, future = window.popleft()
            while not future.done() and while_waiting():
                pass
            yield item, future.result()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
