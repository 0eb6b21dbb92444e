"""Questions joining several asks, answered with and without separating them, in one run on one index.

    .venv/bin/python evaluations/asks_ablation.py [--index .index] [--questions evaluations/gold_multifact.jsonl]

The "with" column is what `asisten ask` does (chat spellings written out, the question analysed once,
each ask searched and quoted for itself); the "without" column is the same question analysed with
`analyze(..., separate_asks=False)`, passed to the same `Retriever.search` and `compose`, so nothing but
the asks differs. Both are scored like `asisten eval` (`all_facts@5`: every fact of a multi-fact question
in a top-5 passage of its source), `tune` and `test` side by side.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.answer import compose
from assistant.config import load_settings
from assistant.evaluation import by_split, load_questions, score_question
from assistant.expansion import formal
from assistant.query import analyze
from assistant.service import Assistant

ROOT = Path(__file__).resolve().parent.parent
SHOWN = ("all_facts@5", "hit@5", "mrr", "all_keywords", "answered_when_answerable")
DEPTH = 10  # passages per question, as `asisten eval` reads them


def results(assistant: Assistant, questions, separate_asks: bool) -> list[dict]:
    retriever = assistant.retriever
    documents = retriever.corpus.documents
    scored = []
    for question in questions:
        text = formal(question.question)
        intent = analyze(text, separate_asks=separate_asks)
        answer = compose(text, retriever.search(text, DEPTH, intent=intent), retriever.corpus, "id", intent)
        scored.append(score_question(question, answer, documents[question.source].jenis if question.source in documents else None))
    return scored


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=load_settings().index)
    parser.add_argument("--questions", type=Path, default=ROOT / "evaluations" / "gold_multifact.jsonl")
    args = parser.parse_args()
    assistant = Assistant(load_settings(index=args.index))
    questions = load_questions(args.questions)
    without = by_split(results(assistant, questions, separate_asks=False))
    with_asks = by_split(results(assistant, questions, separate_asks=True))
    print(f"{args.questions.name}: {len(questions)} questions, {args.index}")
    print("| measure | `tune` without → with | `test` without → with |")
    print("|---|---|---|")
    for measure in SHOWN:
        cells = [f"{without[half][measure]} → {with_asks[half][measure]}" for half in ("tune", "test")]
        print(f"| {measure} | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()
