"""ingest/pool.py: `ahead_in_order` gives results in the items' order whatever order they finish in,
holds at most `ahead` items, and raises an item's error at its turn; within `shared_by_run` the page
work of files parsed at once goes to one pool of workers, started once."""

from __future__ import annotations

import os
import threading
from functools import partial

import pytest

from ingest import pool
from ingest.pool import ahead_in_order, map_in_pool, shared_by_run


def test_results_come_in_order_while_a_later_item_finishes_first():
    """Item 0 finishes only after item 1 has: the threads work ahead of the one in front."""
    second_done = threading.Event()

    def work(item: int) -> int:
        if item == 0:
            assert second_done.wait(timeout=30)
        if item == 1:
            second_done.set()
        return item * 10

    assert list(ahead_in_order(work, range(5), threads=2, ahead=3)) == [(0, 0), (1, 10), (2, 20), (3, 30), (4, 40)]


def test_no_more_than_ahead_items_are_held():
    held, most = 0, 0
    lock = threading.Lock()

    def work(item: int) -> int:
        nonlocal held, most
        with lock:
            held += 1
            most = max(most, held)
        return item

    consumed = []
    for item, _ in ahead_in_order(work, range(20), threads=4, ahead=3):
        with lock:
            held -= 1  # a result handed over is no longer held
        consumed.append(item)
    assert consumed == list(range(20)) and 1 <= most <= 3


def test_an_error_is_raised_at_its_items_turn_after_the_results_before_it():
    def work(item: int) -> int:
        if item == 2:
            raise ValueError("rusak")
        return item

    seen = []
    with pytest.raises(ValueError, match="rusak"):
        for _, result in ahead_in_order(work, range(5), threads=2, ahead=4):
            seen.append(result)
    assert seen == [0, 1]


def worker_of(item: int, delay: float) -> tuple[int, int]:
    """(item, the pid of the process that handled it): module level, so a pool worker can run it."""
    threading.Event().wait(delay)
    return item, os.getpid()


def test_a_run_shares_one_pool_of_workers_between_threads_and_files(monkeypatch):
    monkeypatch.setattr(pool, "WORKERS", 2)
    with shared_by_run():
        with_threads = list(ahead_in_order(lambda items: map_in_pool(partial(worker_of, delay=0.05), items, 1), [[0, 1], [2], [3, 4, 5]], threads=2, ahead=3))
        later = map_in_pool(partial(worker_of, delay=0.0), [6, 7], 2)
    results = [pair for _, pairs in with_threads for pair in pairs] + later
    assert [item for item, _ in results] == list(range(8))
    pids = {pid for _, pid in results}
    assert os.getpid() not in pids and len(pids) <= 2  # even a one-item call went to the run's workers
    assert pool._RUN.executor is None  # shut down when the run ended
