"""Retrieval ablations on an existing index: which fusion, BM25 parameters and priors earn their place.

    .venv/bin/python evaluations/ablation.py [--index .index] [--questions evaluations/gold.jsonl]

Each row re-ranks the same questions with one choice changed and prints hit@1/5/10 and MRR,
scored exactly like `asisten eval`. Query vectors are computed once and reused across rows.
"""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path

import bm25s

from assistant import retrieval
from assistant.config import load_settings
from assistant.evaluation import first_hit, load_questions, rank_metrics
from assistant.retrieval import Retriever, rrf
from assistant.service import Assistant
from ingest.lexical import LexicalIndex, tokenize


def score(retriever: Retriever, questions) -> dict[str, float]:
    ranks = []
    for question in questions:
        hits = retriever.search(question.question, 10)
        ranks.append(first_hit(question, [(h.passage.source, h.passage.text) for h in hits]))
    return rank_metrics(ranks)


def rrf_hybrid(self: Retriever, question: str, allowed, filters):
    """The first design: reciprocal rank fusion of the dense and lexical lists (k = 60)."""
    dense = self.index.dense_search(self.embedder.embed_query(question), retrieval.CANDIDATES, filters.where())
    lexical = self.lexical.search(tokenize(question), retrieval.CANDIDATES, allowed)
    fused = rrf({"dense": [pid for pid, _ in dense], "lexical": [pid for pid, _ in lexical]}, {})
    return sorted(fused, key=fused.get, reverse=True), dict(dense), dict(lexical)


def only(kind: str):
    """Dense alone or lexical alone, as the hybrid's single input."""

    def hybrid(self: Retriever, question: str, allowed, filters):
        if kind == "dense":
            found = self.index.dense_search(self.embedder.embed_query(question), retrieval.CANDIDATES, filters.where())
        else:
            found = self.lexical.search(tokenize(question), retrieval.CANDIDATES, allowed)
        return [pid for pid, _ in found], dict(found), {}

    return hybrid


@contextlib.contextmanager
def patched(obj, name: str, value):
    old = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, old)


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

    def bm25(k1: float, b: float) -> LexicalIndex:
        model = bm25s.BM25(k1=k1, b=b)
        model.index(tokens, show_progress=False)
        return LexicalIndex(model, ids)

    rows = [("chosen: score fusion 0.5, BM25 k1 0.9 b 0.4, kind prior", contextlib.nullcontext())]
    rows.append(("dense only (+definition/reference/part lists)", patched(Retriever, "_hybrid", only("dense"))))
    rows.append(("lexical only (+definition/reference/part lists)", patched(Retriever, "_hybrid", only("lexical"))))
    rows.append(("reciprocal rank fusion instead of score fusion", patched(Retriever, "_hybrid", rrf_hybrid)))
    for share in (0.3, 0.7):
        rows.append((f"score fusion, dense share {share}", patched(retrieval, "DENSE_SHARE", share)))
    rows.append(("BM25 k1 1.5 b 0.75 (bm25s defaults)", patched(retriever, "lexical", bm25(1.5, 0.75))))
    rows.append(("no kind prior", patched(retrieval, "KIND_PRIOR", {})))
    rows.append(("no definition ranking", patched(retrieval, "WEIGHTS", {**retrieval.WEIGHTS, "definition": 0.0})))
    for name, label in (("reference", "named-regulation"), ("duty", "duty"), ("part", "enactment/grounds")):
        rows.append((f"no {label} ranking", patched(retrieval, "WEIGHTS", {**retrieval.WEIGHTS, name: 0.0})))
    print(f"{len(questions)} answerable questions from {args.questions}\n")
    print(f"| variant | hit@1 | hit@5 | hit@10 | MRR |\n|---|---|---|---|---|")
    for label, context in rows:
        with context:
            m = score(retriever, questions)
        print(f"| {label} | {m['hit@1']:.3f} | {m['hit@5']:.3f} | {m['hit@10']:.3f} | {m['mrr']:.3f} |", flush=True)


if __name__ == "__main__":
    main()
