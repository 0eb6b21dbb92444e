"""The question → answer entry point shared by the CLI and the Streamlit app.

Opening it loads the embedder, catalog and lexical index once; `ask` is then cheap per question.
"""

from __future__ import annotations

from ingest.embedders import Embedder, load_embedder
from ingest.index import Index

from .answer import Answer, compose
from .config import Settings
from .retrieval import Filters, Hit, Retriever


def open_index(settings: Settings) -> Index:
    return Index(settings.index, settings.chroma_url)


class Assistant:
    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.embedder = embedder or load_embedder(settings.embedder)
        self.index = open_index(settings)
        self.retriever = Retriever(self.index, self.embedder)

    @property
    def is_empty(self) -> bool:
        return not self.retriever.passages

    def ask(
        self, question: str, top_k: int | None = None, filters: Filters = Filters(), language: str | None = None
    ) -> Answer:
        retriever = self.retriever  # one snapshot per question, even if reload() swaps it meanwhile
        hits = retriever.search(question, top_k or self.settings.top_k, filters)
        return compose(question, hits, retriever, language or self.settings.language)

    def reload(self) -> None:
        """Re-read the catalog and lexical index after documents were added (the app's upload page)."""
        self.retriever = Retriever(self.index, self.embedder)


def citation_json(n: int, hit: Hit) -> dict:
    """One citation in the CLI's JSON contract (see README, 'Format JSON')."""
    document, passage = hit.document, hit.passage
    return {
        "n": n,
        "source": passage.source,
        "title": document.title,
        "jenis": document.jenis,
        "nomor": document.nomor,
        "tahun": document.tahun,
        "pasal": passage.pasal,
        "ayat": passage.ayat,
        "page": passage.page_start,
        "path": passage.path,
        "text": passage.text,
        "score": round(hit.score, 6),
        "ocr": passage.ocr,
        "warnings": hit.notices,  # newer regulations amending/revoking this document (README, 'Format JSON')
    }


def answer_json(answer: Answer, retriever: Retriever | None = None) -> dict:
    """With a retriever, each citation also lists the provisions it cites, resolved (`references`)."""
    citations = [citation_json(n, hit) for n, hit in enumerate(answer.hits, start=1)]
    if retriever is not None:
        for citation, hit in zip(citations, answer.hits):
            citation["references"] = retriever.references(hit.passage)
    return {"question": answer.question, "answer": answer.text, "found": answer.found, "citations": citations}
