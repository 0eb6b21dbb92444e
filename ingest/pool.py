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
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from itertools import islice
from typing import TypeVar

# Workers start from a fresh interpreter: forking a process that runs threads (the app's background
# embedding, tqdm's monitor) can copy a held lock into the child.
POOL_START = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
WORKERS = os.cpu_count() or 1  # one worker per core

Item = TypeVar("Item")
Result = TypeVar("Result")


def _one_thread() -> None:
    """The workers already fill the cores: Tesseract's own OpenMP threads would only oversubscribe them."""
    os.environ["OMP_THREAD_LIMIT"] = "1"


def _new_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(POOL_START), initializer=_one_thread)


class _RunPool:
    """The one pool of an ingest run (`shared_by_run`), started at its first use, restarted after a crash."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.users = 0
        self.executor: ProcessPoolExecutor | None = None

    def get(self) -> ProcessPoolExecutor:
        with self.lock:
            if self.executor is None:
                self.executor = _new_pool(WORKERS)
            return self.executor

    def broken(self, executor: ProcessPoolExecutor) -> None:
        """A worker died (killed, out of memory): the next file gets a fresh pool, not this broken one."""
        with self.lock:
            if self.executor is executor:
                self.executor = None
        executor.shutdown(wait=False, cancel_futures=True)


_RUN = _RunPool()


@contextmanager
def shared_by_run() -> Iterator[None]:
    """Within it, `map_in_pool` hands every item of this process to one pool of `WORKERS` processes: the
    pages of files parsed at once (`ahead_in_order`) and of consecutive files queue for the same
    workers, so no core waits for the next file's pool to start, and the run starts the pool once."""
    with _RUN.lock:
        _RUN.users += 1
    try:
        yield
    finally:
        with _RUN.lock:
            _RUN.users -= 1
            executor = _RUN.executor if _RUN.users == 0 else None
            if executor is not None:
                _RUN.executor = None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


def map_in_pool(function: Callable[[Item], Result], items: Sequence[Item], workers: int) -> list[Result]:
    """`function` of each item, in order, by a pool of `workers` processes (the run's pool within
    `shared_by_run`), or in this process for one worker on one core.

    `function` must be picklable (a module-level function or a `functools.partial` of one). A failing
    item fails the whole map: the items not yet started are cancelled, not read in vain."""
    if WORKERS > 1 and _RUN.users:
        executor = _RUN.get()
        try:
            return list(executor.map(function, items))
        except BrokenProcessPool:
            _RUN.broken(executor)
            raise
    if workers <= 1:
        return [function(item) for item in items]
    with _new_pool(workers) as pool:
        try:
            return list(pool.map(function, items))
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise


def ahead_in_order(function: Callable[[Item], Result], items: Iterable[Item], threads: int, ahead: int) -> Iterator[tuple[Item, Result]]:
    """(item, `function(item)`) in the items' order, computed by `threads` threads up to `ahead` items in front.

    The threads only pay off when `function` waits on other processes (Tesseract, `map_in_pool`, the
    disk): Python code holds the interpreter. An exception of `function` is raised here, in order."""
    window: deque[tuple[Item, Future[Result]]] = deque()
    pending = iter(items)
    executor = ThreadPoolExecutor(threads, thread_name_prefix="ingest-ahead")
    try:
        while True:
            window.extend((item, executor.submit(function, item)) for item in islice(pending, ahead - len(window)))
            if not window:
                return
            item, future = window.popleft()
            yield item, future.result()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
