"""The tune/test table of evaluations/README.md: every question set, both halves, one index (issue 14).

    .venv/bin/python evaluations/split_table.py [--index .index] [SET.jsonl ...]

Scores each set exactly as `asisten eval` does (assistant.evaluation.evaluate), loading the model
once, and prints one Markdown row per set and half. Without SET, every set of this folder.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.config import load_settings
from assistant.evaluation import by_split, evaluate, load_questions
from assistant.service import Assistant

HERE = Path(__file__).resolve().parent
SETS = [HERE / "gold.jsonl", HERE / "gold_intel.jsonl", HERE / "gold_general.jsonl", HERE / "gold_genres.jsonl", HERE / "gold_english.jsonl"]
COLUMNS = ("hit@1", "hit@5", "mrr", "pasal_accuracy", "all_keywords", "answered_when_answerable")


def cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def rows(name: str, halves: dict[str, dict]) -> list[str]:
    out = []
    for half, m in halves.items():
        refused = "—" if not m["unanswerable"] else f"{round(m['refusal_accuracy'] * m['unanswerable'])}/{m['unanswerable']}"
        out.append(f"| `{name}` | {half} | {m['questions']} | " + " | ".join(cell(m[c]) for c in COLUMNS) + f" | {refused} |")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, default=SETS)
    parser.add_argument("--index", type=Path)
    args = parser.parse_args()
    assistant = Assistant(load_settings(index=args.index))
    print("| set | half | n | hit@1 | hit@5 | MRR | Pasal of rank 1 | answer carries every keyword | answered (answerable) | refused (unanswerable) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for path in args.sets:
        print("\n".join(rows(path.name, by_split(evaluate(assistant, load_questions(path))))), flush=True)


if __name__ == "__main__":
    main()
