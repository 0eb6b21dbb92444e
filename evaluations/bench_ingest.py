"""Ingest speed and memory: our full ingest against the LangChain tutorial stack, in the same run.

    .venv/bin/python evaluations/bench_ingest.py [--corpus corpus]

Each build runs in its own child process, so wall time and peak RSS are the build's own. Prints
pages/s (both over the same corpus pages, as `asisten ingest` counts them), chunks or passages per
second and peak RSS for both, the ratios, and the re-ingest of an unchanged corpus timed
separately. Ratios, not absolute times, are the figures to compare across machines.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Runs a command and reports its peak RSS: RUSAGE_CHILDREN of a fresh wrapper is that child's alone.
MEASURE = (
    "import json, resource, subprocess, sys, time; t = time.perf_counter(); "
    "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
    "print(json.dumps({'seconds': time.perf_counter() - t, 'rss_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, "
    "'code': r.returncode, 'stdout': r.stdout, 'stderr': r.stderr[-2000:]}))"
)
TUTORIAL = (
    "import sys; sys.path.insert(0, {here!r}); from pathlib import Path; "
    "from baselines import tutorial_chunks, tutorial_stack; "
    "chunks = tutorial_chunks(Path({corpus!r})); tutorial_stack(chunks, []); print(len(chunks))"
)


def measure(*command: str) -> dict:
    result = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True)
    run = json.loads(result.stdout)
    if run["code"] != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{run['stderr']}")
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default="corpus")
    args = parser.parse_args()
    corpus = str(Path(args.corpus).resolve())

    tutorial = measure(sys.executable, "-c", TUTORIAL.format(here=str(HERE), corpus=corpus))
    tutorial_chunks = int(tutorial["stdout"].split()[-1])

    with tempfile.TemporaryDirectory() as index:
        asisten = [sys.executable, "-m", "assistant.cli", "ingest", corpus, "--index", index, "--quiet"]
        ours = measure(*asisten)
        again = measure(*asisten)
    summary = re.search(r"\((\d+) halaman, (\d+) bagian", ours["stdout"])
    pages, passages = int(summary.group(1)), int(summary.group(2))

    rows = [
        ("LangChain tutorial stack (MiniLM, 1000/200 chunks)", tutorial_chunks, tutorial),
        ("asisten ingest (e5, structure-aware passages)", passages, ours),
    ]
    print(f"{pages} pages\n")
    print("| build | chunks/passages | seconds | pages/s | chunks/s | peak RSS MB |\n|---|---|---|---|---|---|")
    for label, chunks, run in rows:
        s = run["seconds"]
        print(f"| {label} | {chunks} | {s:.0f} | {pages / s:.2f} | {chunks / s:.2f} | {run['rss_mb']:.0f} |")
    print(f"\npages/s ratio, ours / tutorial stack: {tutorial['seconds'] / ours['seconds']:.2f}")
    print(f"peak RSS ratio, ours / tutorial stack: {ours['rss_mb'] / tutorial['rss_mb']:.2f}")
    print(f"re-ingest of the unchanged corpus: {again['seconds']:.1f} s (process start included)")


if __name__ == "__main__":
    main()
