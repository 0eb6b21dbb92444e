"""Precision (and recall) of the smart-city dimension / SPBE domain tagger on a hand-labelled sample.

evaluations/dimension_sample.jsonl holds 120 passages of the bundled corpus, each labelled by
reading it: the dimensions/domains the passage is about, not those it mentions in passing.
- split "tuning" (80): 6 drawn at random among the passages the first lexicon gave each tag, plus
  20 from all passages (seed 7). The lexicon was revised once after reading its errors on these,
  so figures on this split are optimistic.
- split "heldout" (40): drawn afterwards with the revised lexicon, 3 per tag plus 10 from all
  passages (seed 11), labelled before looking at the scores. This is the honest figure.
The tagger is re-run on the stored text, so the figures follow edits of ingest/data/dimensions.toml.

    python evaluations/tagging_precision.py            # table
    python evaluations/tagging_precision.py --errors   # also each wrong tag with the terms that fired
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.tagging import TAG_LABELS, explain, tag_text  # noqa: E402

SAMPLE = Path(__file__).with_name("dimension_sample.jsonl")


def evaluate(rows: list[dict]) -> dict[str, dict]:
    table = {}
    for tag in TAG_LABELS:
        predicted = [tag in tag_text(r["text"]) for r in rows]
        actual = [tag in r["labels"] for r in rows]
        tp = sum(p and a for p, a in zip(predicted, actual))
        table[tag] = {
            "predicted": sum(predicted),
            "labelled": sum(actual),
            "correct": tp,
            "precision": round(tp / sum(predicted), 3) if sum(predicted) else None,
            "recall": round(tp / sum(actual), 3) if sum(actual) else None,
        }
    return table


def main() -> None:
    every = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    for split in ("heldout", "tuning"):
        report([row for row in every if row["split"] == split], split)


def report(rows: list[dict], split: str) -> None:
    table = evaluate(rows)
    print(f"\n{split}: {len(rows)} labelled passages ({SAMPLE.name})")
    print(f"{'tag':<26} {'predicted':>9} {'labelled':>8} {'correct':>7} {'precision':>9} {'recall':>7}")
    for tag, m in table.items():
        print(f"{TAG_LABELS[tag]:<26} {m['predicted']:>9} {m['labelled']:>8} {m['correct']:>7} {m['precision']!s:>9} {m['recall']!s:>7}")
    predicted = sum(m["predicted"] for m in table.values())
    correct = sum(m["correct"] for m in table.values())
    labelled = sum(m["labelled"] for m in table.values())
    print(f"{'all tags (micro)':<26} {predicted:>9} {labelled:>8} {correct:>7} {correct / predicted:>9.3f} {correct / labelled:>7.3f}")
    if "--errors" in sys.argv:
        for row in rows:
            wrong = [tag for tag in tag_text(row["text"]) if tag not in row["labels"]]
            for tag in wrong:
                terms = ", ".join(f"{term}×{count}" for term, _, count in explain(row["text"])[tag][1])
                print(f"  {row['id']} {row['source']} {row['location']}: {tag} from {terms}")


if __name__ == "__main__":
    main()
