"""The top cosine of English and Indonesian questions, answerable and not, per half of the gold split:
the measurement behind `assistant/answer.CROSS_LINGUAL_SHIFT`.

    .venv/bin/python evaluations/cross_lingual.py [--index .index] [gold files ...]   # default: every gold*.jsonl

Each question is asked as `asisten ask` asks it (extractive); the top cosine is the highest dense
score among the three passages the evidence check reads. A question without a source is unanswerable.
Only the `tune` half may set the shift; the `test` half is printed beside it to show whether it holds.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant import Assistant, load_settings  # noqa: E402
from assistant.retrieval import ANSWER_PASSAGES  # noqa: E402
from assistant.evaluation import load_questions, split_of  # noqa: E402
from assistant.expansion import is_english  # noqa: E402

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path, default=sorted(HERE.glob("gold*.jsonl")))
    parser.add_argument("--index", type=Path, default=None)
    args = parser.parse_args()
    settings = load_settings()
    assistant = Assistant(dataclasses.replace(settings, index=args.index or settings.index))
    cosines: dict[tuple[str, str, str], list[float]] = {}
    for path in args.files:
        for question in load_questions(path):
            hits = assistant.ask(question.question, llm="none").hits[:ANSWER_PASSAGES]
            key = (split_of(question), "English" if is_english(question.question) else "Indonesian",
                   "answerable" if question.source else "unanswerable")
            cosines.setdefault(key, []).append(max((hit.dense or 0.0 for hit in hits), default=0.0))
    print("| half | language | questions | n | median top cosine |\n|---|---|---|---|---|")
    for key in sorted(cosines):
        print(f"| {' | '.join(key[:2])} | {key[2]} | {len(cosines[key])} | {statistics.median(cosines[key]):.3f} |")


if __name__ == "__main__":
    main()
