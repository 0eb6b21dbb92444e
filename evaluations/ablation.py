"""Retrieval ablations on an existing index: which fusion, BM25 parameters and priors earn their place.

    .venv/bin/python evaluations/ablation.py [--index .index] [--questions evaluations/gold.jsonl]

Each row re-ranks the same questions with one choice changed and prints hit@1/5/10 and MRR,
scored exactly like `asisten eval`. Query vectors are computed once and reused across rows.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

import bm25s

from assistant.config import load_settings
from assistant.corpus import Corpus
from assistant.evaluation import first_hit, load_questions, rank_metrics
from assistant.ranking import INTENT_RANKERS, RetrievalConfig
from assistant.retrieval import Retriever
from assistant.service import Assistant
from ingest.lexical import LexicalIndex

CHOSEN = RetrievalConfig()


def score(retriever: Retriever, questions) -> dict[str, float]:
    ranks = []
    for question in questions:
        hits = retriever.search(question.question, 10)
        ranks.append(first_hit(question, [(h.passage.source, h.passage.text) for h in hits]))
    return rank_metrics(ranks)


def variant(retriever: Retriever, config: RetrievalConfig = CHOSEN, rankers=INTENT_RANKERS, corpus=None) -> Retriever:
    """The same loaded corpus (or `corpus`) ranked with another configuration or set of intent rankers."""
    return Retriever(retriever.index, retriever.embedder, config, rankers, corpus if corpus is not None else retriever.corpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", default=None)
    parser.add_argument("--questions", default="evaluations/gold.jsonl")
    args = parser.parse_args()
    assistant = Assistant(load_settings(index=args.index))
    retriever = assistant.retriever
    questions = [q for q in load_questions(Path(args.questions)) if q.source]
    vectors: dict[str, object] = {}
    embed = assistant.embedder.embed_query
    assistant.embedder.embed_query = lambda text: vectors.setdefault(text, embed(text))
    ids, tokens = retriever.index.catalog.ids_and_tokens()

    def bm25(k1: float, b: float) -> Retriever:
        model = bm25s.BM25(k1=k1, b=b)
        model.index(tokens, show_progress=False)
        return variant(retriever, corpus=Corpus(retriever.index, LexicalIndex(model, ids)))

    rows = [("chosen: score fusion 0.5, BM25 k1 0.9 b 0.4, kind prior", retriever)]
    rows.append(("dense only (+definition/reference/part lists)", variant(retriever, replace(CHOSEN, retrievers=("dense",)))))
    rows.append(("lexical only (+definition/reference/part lists)", variant(retriever, replace(CHOSEN, retrievers=("lexical",)))))
    rows.append(("reciprocal rank fusion instead of score fusion", variant(retriever, replace(CHOSEN, fusion="rrf"))))
    for share in (0.3, 0.7):
        rows.append((f"score fusion, dense share {share}", variant(retriever, replace(CHOSEN, dense_share=share))))
    rows.append(("BM25 k1 1.5 b 0.75 (bm25s defaults)", bm25(1.5, 0.75)))
    rows.append(("no kind prior", variant(retriever, replace(CHOSEN, kind_prior={}))))
    rows.append(("no period prior", variant(retriever, replace(CHOSEN, period_prior=1.0))))
    for name, label in (("definition", "definition"), ("reference", "named-regulation"), ("duty", "duty"), ("part", "enactment/grounds"), ("enumeration", "list-subject"), ("actor", "actor"), ("time_limit", "time-limit"), ("length", "length of time"), ("frequency", "frequency")):
        rows.append((f"no {label} ranking", variant(retriever, replace(CHOSEN, weights={**CHOSEN.weights, name: 0.0}))))
    print(f"{len(questions)} answerable questions from {args.questions}\n")
    print(f"| variant | hit@1 | hit@5 | hit@10 | MRR |\n|---|---|---|---|---|")
    for label, ranked_by in rows:
        m = score(ranked_by, questions)
        print(f"| {label} | {m['hit@1']:.3f} | {m['hit@5']:.3f} | {m['hit@10']:.3f} | {m['mrr']:.3f} |", flush=True)


if __name__ == "__main__":
    main()
