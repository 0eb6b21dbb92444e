"""Run a command and report its wall time and memory as JSON (used by bench_ingest.py).

    python evaluations/measure_run.py COMMAND...

Two memory figures: `rss_mb`, the largest peak RSS of any single process the command ran (the larger
of RUSAGE_CHILDREN of this fresh wrapper and the peak, VmHWM, of every descendant seen while sampling:
a forkserver's children, such as the OCR pool's workers, are reaped by the server, and a child its parent
never waits for (the torch engine's process, left to end on its own) is reaped by init: neither reaches
the wrapper's RUSAGE_CHILDREN), and `tree_rss_mb`, the largest sum of the RSS of the command and all its
descendants at one moment, sampled every 0.1 s: an ingest's worker pool (OCR, PDF tables) and its
embedding process run beside its main process, and the machine must hold them all.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
import time


def _status_mb(pid: int, field: str) -> float:
    """A memory line of /proc/PID/status (VmRSS: now, VmHWM: the process's peak) in MB; 0 for a gone process."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            return next((int(line.split()[1]) / 1024 for line in status if line.startswith(f"{field}:")), 0.0)
    except OSError:
        return 0.0


def _children(pid: int) -> list[int]:
    found = []
    try:
        for thread in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{thread}/children", encoding="ascii") as children:
                found += [int(child) for child in children.read().split()]
    except OSError:
        pass
    return found


def tree_mb(pid: int) -> tuple[float, float]:
    """(the RSS of `pid` and its descendants together, the largest single peak among them)."""
    total, largest, todo, seen = 0.0, 0.0, [pid], set()
    while todo:
        process = todo.pop()
        if process not in seen:
            seen.add(process)
            total += _status_mb(process, "VmRSS")
            largest = max(largest, _status_mb(process, "VmHWM"))
            todo += _children(process)
    return total, largest


def main() -> None:
    started = time.perf_counter()
    process = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak, largest = [0.0], [0.0]

    def sample() -> None:
        while process.poll() is None:
            total, single = tree_mb(process.pid)
            peak[0], largest[0] = max(peak[0], total), max(largest[0], single)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    sampler.join()
    print(json.dumps({
        "seconds": time.perf_counter() - started,
        "rss_mb": max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, largest[0]),
        "tree_rss_mb": peak[0],
        "code": process.returncode,
        "stdout": stdout,
        "stderr": stderr[-2000:],
    }))


if __name__ == "__main__":
    main()
