"""`pool.ahead_in_order`: results in the items' order whatever order they finish in, at most `ahead`
items in flight, the caller's other work done while the next result is not ready, an item's error
raised at its turn."""

from __future__ import annotations

import threading

import pytest

from ingest.pool import ahead_in_order


def test_results_come_in_order_and_the_waiting_time_is_used():
    """Item 0 finishes only after the caller's `while_waiting` ran: the wait must not block it."""
    released = threading.Event()
    waited: list[int] = []

    def work(item: int) -> int:
        if item == 0:
            assert released.wait(timeout=30)
        return item * 10

    def while_waiting() -> bool:
        waited.append(1)
        released.set()
        return False  # nothing more to do: block on the result

    results = list(ahead_in_order(work, range(5), threads=2, ahead=3, while_waiting=while_waiting))

    assert results == [(0, 0), (1, 10), (2, 20), (3, 30), (4, 40)]
    assert waited  # called while item 0 was not ready


def test_no_more_than_ahead_items_are_in_flight():
    in_flight, most = 0, 0
    lock = threading.Lock()

    def work(item: int) -> int:
        nonlocal in_flight, most
        with lock:
            in_flight += 1
            most = max(most, in_flight)
        return item

    consumed = []
    for item, _ in ahead_in_order(work, range(20), threads=4, ahead=3, while_waiting=lambda: False):
        with lock:
            in_flight -= 1  # a result handed over is no longer held
        consumed.append(item)
    assert consumed == list(range(20)) and 1 <= most <= 3


def test_an_error_is_raised_at_its_items_turn_after_the_results_before_it():
    def work(item: int) -> int:
        if item == 2:
            raise ValueError("rusak")
        return item

    seen = []
    with pytest.raises(ValueError, match="rusak"):
        for item, result in ahead_in_order(work, range(5), threads=2, ahead=4, while_waiting=lambda: False):
            seen.append(result)
    assert seen == [0, 1]
