"""The one way into the assistant for the CLI and the Streamlit app: questions, the library, ingest.

Opening an `Assistant` loads the embedder, catalog and lexical index once; `ask` is then cheap per
question, and the library pages read the same live index through it (`library`, `status`, `document`,
`registers`, …). Neither the UI nor the CLI reaches into `ingest` or the catalog file themselves.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

from ingest.embedders import Embedder, load_embedder
from ingest.errors import UserError
from ingest.index import Index
from ingest.model import Document, Passage
from ingest.ocr import OcrCache
from ingest.pipeline import IngestReport, ingest
from ingest.vector_cache import VectorCache

from .answer import compose
from .answer_model import Answer, Verification
from .config import Settings
from .corpus import Corpus
from .expansion import formal
from .followup import Turn, rewrite
from .generation import answer_stream, fallback
from .library import IndexStatus, Library, LibraryEntry, TreeNode
from .llm import ChatBackend, Generation, LLMError, load_backend, parse_spec
from .query import analyze
from .registers import Registers
from .retrieval import Filters, Hit, Retriever


def open_index(settings: Settings, vectors: bool = True) -> Index:
    """The configured index; with `vectors` its vector store opens now, so a damaged or read-only index
    is reported at start (`IndexUnreadable`), not at the first question. Ingest leaves it to the
    writes: a rebuild never opens the store it replaces."""
    index = Index(settings.index, settings.chroma_url)
    if vectors:
        index.open_collection()
    return index


def ingest_files(
    settings: Settings, paths: Sequence[Path], rebuild: bool = False, progress: bool = True, embed_now: bool = True
) -> IngestReport:
    """Index the files and folders (the configured corpus when none) into the configured index, with
    the configured embedder and vector cache; raises IngestLocked while another ingest runs on that
    index. Without `embed_now` the vectors are left pending (see `ingest.pipeline.ingest`)."""
    return ingest(
        list(paths) or [settings.corpus],
        open_index(settings, vectors=False),  # a rebuild must not open the store it replaces
        load_embedder(settings.embedder),
        rebuild=rebuild,
        progress=progress,
        ocr=settings.ocr,
        max_file_bytes=settings.max_file_mb * 2**20,
        vector_cache=VectorCache.open(settings.embedding_cache_path),
        ocr_cache=OcrCache.open(settings.ocr_cache_path),
        embed_now=embed_now,
        language=settings.language,
    )


class QuestionTooLong(UserError):
    """A question over `max_question_chars`, refused before any work: a pasted document as a question
    would otherwise hold the interpreter for every session while it is analysed and searched."""

    def __init__(self, length: int, limit: int) -> None:
        super().__init__("question_too_long", length=length, limit=limit)
        self.length, self.limit = length, limit


class Assistant:
    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.embedder = embedder or load_embedder(settings.embedder)
        self._retriever = Retriever(open_index(settings), self.embedder)
        self._reopening = threading.Lock()
        parse_spec(settings.llm)  # a mistyped ASISTEN_LLM is a ConfigError at start, not at the first question
        self._backends: dict[str, ChatBackend] = {}
        self._backends_lock = threading.Lock()  # sessions asking at once must not load a model twice

    @property
    def retriever(self) -> Retriever:
        """The loaded retriever, reopened first when a rebuild (`asisten ingest --rebuild`, perhaps in
        another process) swapped a new index generation in, reloaded when an ingest wrote to the
        catalog since (its version changed): one stat and one meta read per use, so every question and
        page sees the live index, never a deleted vector store."""
        with self._reopening:
            if self._retriever.index.replaced():
                self._retriever = Retriever(open_index(self.settings), self.embedder)
            elif self._retriever.corpus.stale():
                self._retriever = Retriever(self._retriever.index, self.embedder)
        return self._retriever

    @property
    def index(self) -> Index:
        return self.retriever.index

    @property
    def is_empty(self) -> bool:
        return not len(self.retriever.corpus)

    def library(self) -> list[LibraryEntry]:
        """Every indexed document with its passage count and ingest time, by source name."""
        return self._library().entries()

    def status(self) -> IndexStatus:
        return self._library().status()

    def documents(self) -> dict[str, Document]:
        """source → Document of every indexed document (for filter choices)."""
        return self.retriever.corpus.documents

    def document(self, source: str) -> Document | None:
        return self.retriever.corpus.documents.get(source)

    def structure(self, source: str) -> TreeNode:
        """The document's heading tree with its passages, for reading it in full."""
        return self._library().structure(source)

    def source_file(self, source: str) -> Path | None:
        """The indexed file, when it is still where it may be served from (see Library.source_file)."""
        return self._library().source_file(source)

    def registers(self) -> Registers:
        return self._library().registers()

    def references(self, passage: Passage) -> list[dict]:
        """The provisions a passage cites, resolved to indexed passages."""
        return self.retriever.corpus.references(passage)

    def _library(self) -> Library:
        return Library(self.index.catalog, self.settings.corpus)

    def ask(
        self,
        question: str,
        top_k: int | None = None,
        filters: Filters = Filters(),
        language: str | None = None,
        history: Sequence[Turn] = (),
        llm: str | None = None,
    ) -> Answer:
        """The final answer; `llm` overrides the configured backend ("none" = extractive)."""
        *_, answer = self.ask_stream(question, top_k, filters, language, history, llm)
        return answer

    def ask_stream(
        self,
        question: str,
        top_k: int | None = None,
        filters: Filters = Filters(),
        language: str | None = None,
        history: Sequence[Turn] = (),
        llm: str | None = None,
    ) -> Iterator[str | Answer]:
        """Draft text pieces while an LLM writes (no `[n]` markers in them), then the final Answer.

        Without an LLM it yields the extractive Answer alone. The final Answer is always the last
        item; its text is verified (mode "llm") or extractive with a note saying why. A question
        longer than `max_question_chars` raises QuestionTooLong (the one place the bound is enforced).
        """
        if len(question) > self.settings.max_question_chars:
            raise QuestionTooLong(len(question), self.settings.max_question_chars)
        spec = self.settings.llm if llm is None else llm
        settings = replace(self.settings, language=language or self.settings.language)
        retriever = self.retriever  # one snapshot per question, even if reload() or a rebuild swaps it meanwhile
        backend, error = None, None
        try:
            backend = self.backend(spec)
        except LLMError as failure:
            error = Generation(spec, error=failure.message(settings.language))
        query = rewrite(formal(question), history, backend, settings.language)
        intent = analyze(query)  # once per question: retrieval and the answer read the same intent
        hits = retriever.search(query, top_k or settings.top_k, filters, intent)
        answer = compose(query, hits, retriever.corpus, settings.language, intent)
        extractive = replace(
            answer,
            question=question,
            query=query if query != question else None,
            pending_vectors=retriever.index.catalog.pending_count(),
        )
        if error:
            yield fallback(extractive, error.error, Verification("unavailable"), error, settings.language)
        elif backend is None:
            yield extractive
        else:
            yield from answer_stream(extractive, backend, settings, self.similarity(hits, retriever.index))

    def reload(self) -> None:
        """Re-read the catalog and lexical index after documents were added (the app's upload page)."""
        self._retriever = Retriever(self.index, self.embedder)

    def backend(self, spec: str | None) -> ChatBackend | None:
        """The LLM backend a setting names, loaded once (an in-process model is slow to load)."""
        if parse_spec(spec) is None:
            return None
        with self._backends_lock:
            if spec not in self._backends:
                self._backends[spec] = load_backend(spec, self.settings)
            return self._backends[spec]

    def similarity(self, hits: list[Hit], index: Index):
        """Cosine of a sentence to the best of the cited passages' stored vectors, for the verifier
        (0 for a passage whose vector is gone: see `Index.vectors`)."""

        def similarity(sentence: str, numbers: list[int]) -> float:
            vectors = index.vectors([hits[n - 1].passage.id for n in numbers], self.embedder.dim)
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            vectors = vectors / np.where(norms > 0, norms, 1.0)
            query = self.embedder.embed_query(sentence)
            return float(np.max(vectors @ (query / np.linalg.norm(query))))

        return similarity


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
        "continues": hit.ranks.get("continuation"),  # the citation this part continues, when the answer quoted the next part
        "units": [unit.text for unit in hit.units],  # the table rows / sentences inside `text` that matched
    }


def answer_json(answer: Answer, corpus: Corpus | None = None) -> dict:
    """With the corpus, each citation also lists the provisions it cites, resolved (`references`)."""
    citations = [citation_json(n, hit) for n, hit in enumerate(answer.hits, start=1)]
    if corpus is not None:
        for citation, hit in zip(citations, answer.hits):
            citation["references"] = corpus.references(hit.passage)
    return {
        "question": answer.question,
        "query": answer.query or answer.question,
        "answer": answer.text,
        "found": answer.found,
        "mode": answer.mode,
        "verification": answer.verification.to_json() if answer.verification else None,
        "llm": asdict(answer.generation) if answer.generation else None,
        "pending_vectors": answer.pending_vectors,
        "citations": citations,
        "tables": answer.tables,
    }
