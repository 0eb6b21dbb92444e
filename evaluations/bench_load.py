"""Load: 50 questions at once against one loaded index, by threads and by processes on the same index.

    .venv/bin/python evaluations/bench_load.py [--index .index] [--questions 50] [--threads 8] [--processes 4]

The first N gold questions are asked one by one (an untimed warm-up gives the reference answers,
then a timed sequential pass), then all at once from a thread
pool sharing one Assistant, then split over several `asisten ask --json -` processes reading the
same index. Prints errors, answers that differ from the reference (must be 0) and throughput as a
ratio to the sequential run; absolute times depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from assistant.config import load_settings  # noqa: E402
from assistant.service import Assistant, answer_json  # noqa: E402


def threaded(assistant: Assistant, questions: list[str], threads: int) -> tuple[list[dict | None], int, float]:
    """(answers in question order, errors, seconds) with every question submitted at once."""

    def ask(question: str) -> dict | None:
        try:
            return answer_json(assistant.ask(question))
        except Exception as error:  # noqa: BLE001 - counted and shown, the run goes on
            print(f"  error: {type(error).__name__}: {error}", file=sys.stderr)
            return None

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        answers = list(pool.map(ask, questions))
    return answers, answers.count(None), time.perf_counter() - started


def in_processes(index: Path, questions: list[str], processes: int) -> tuple[list[dict | None], int, float]:
    """Questions dealt round-robin to processes started together; seconds include each model load."""
    command = [sys.executable, "-m", "assistant.cli", "ask", "--index", str(index), "--json", "-"]
    shares = [questions[i::processes] for i in range(processes)]
    started = time.perf_counter()
    children = [
        subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=HERE.parent)
        for _ in shares
    ]
    outputs = [child.communicate("\n".join(share)) for child, share in zip(children, shares)]
    seconds = time.perf_counter() - started
    answers: list[dict | None] = [None] * len(questions)
    errors = 0
    for i, (child, (stdout, stderr)) in enumerate(zip(children, outputs)):
        lines = stdout.splitlines()
        if child.returncode != 0 or len(lines) != len(shares[i]):
            errors += len(shares[i])
            print(f"  process {i} failed ({child.returncode}): {stderr[-500:]}", file=sys.stderr)
            continue
        for j, line in enumerate(lines):
            answers[i + j * processes] = json.loads(line)
    return answers, errors, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--questions", type=int, default=50)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--processes", type=int, default=4)
    args = parser.parse_args()
    settings = load_settings(index=args.index)
    gold = [json.loads(line)["question"] for line in (HERE / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    questions = (gold * (args.questions // len(gold) + 1))[: args.questions]

    assistant = Assistant(settings)
    # Untimed warm-up: the first pass fills the stemmer memo and warms torch, which would flatter the later runs.
    reference = [answer_json(assistant.ask(q)) for q in questions]
    started = time.perf_counter()
    assert [answer_json(assistant.ask(q)) for q in questions] == reference, "sequential answers are not stable"
    sequential = time.perf_counter() - started
    print(f"{len(questions)} questions on {settings.index}: sequential {sequential:.1f} s ({len(questions) / sequential:.2f} q/s)")

    answers, errors, seconds = threaded(assistant, questions, args.threads)
    differ = sum(1 for got, want in zip(answers, reference) if got is not None and got != want)
    print(f"threads x{args.threads}: errors {errors}, differing answers {differ}, {seconds:.1f} s, throughput ratio {sequential / seconds:.2f}")

    answers, errors, seconds = in_processes(settings.index, questions, args.processes)
    differ = sum(1 for got, want in zip(answers, reference) if got is not None and got != want)
    print(
        f"processes x{args.processes}: errors {errors}, differing answers {differ}, {seconds:.1f} s incl. model loads, "
        f"throughput ratio {sequential / seconds:.2f}"
    )


if __name__ == "__main__":
    main()
