"""Question -> answer logic shared by the CLI and the Streamlit app; its public API is listed below.

The UI and the CLI import from here (or from `assistant.<module>`), never from `ingest`: the names of
the lower layer they need (errors, the data model, a few constants) are re-exported here.
The exports load on first use (PEP 562), so `import assistant.config` stays light: the service pulls
in the embedder and Chroma, which a command such as `asisten status` never needs.

Importing the package keeps LangChain/LangSmith tracing off for the whole process (config.keep_tracing_off):
both entry points pass through here before any LangChain module is loaded, so no prompt leaves the machine.
"""

from importlib import import_module

from .config import keep_tracing_off

keep_tracing_off()

# public name -> module that defines it
EXPORTS = {
    "Assistant": "assistant.service",
    "QuestionTooLong": "assistant.service",
    "answer_json": "assistant.service",
    "citation_json": "assistant.service",
    "ingest_files": "assistant.service",
    "open_index": "assistant.service",
    "ConfigError": "assistant.config",
    "Settings": "assistant.config",
    "load_settings": "assistant.config",
    "Answer": "assistant.answer_model",
    "Source": "assistant.answer_model",
    "Verification": "assistant.answer_model",
    "Filters": "assistant.retrieval",
    "Hit": "assistant.retrieval",
    "IndexStatus": "assistant.library",
    "Library": "assistant.library",
    "LibraryEntry": "assistant.library",
    "TreeNode": "assistant.library",
    "MODALITY_CHOICES": "assistant.registers",
    "Registers": "assistant.registers",
    "citation_label": "assistant.presentation",
    "ChatBackend": "assistant.llm",
    "LLMError": "assistant.llm",
    "register_backend": "assistant.llm",
    "Embedder": "ingest.embedders",
    "EmbedderError": "ingest.embedders",
    "load_embedder": "ingest.embedders",
    "register_embedder": "ingest.embedders",
    "CatalogTooNew": "ingest.catalog",
    "IndexStateError": "ingest.index",
    "IndexUnreadable": "ingest.index",
    "IngestLocked": "ingest.lock",
    "SUPPORTED_SUFFIXES": "ingest.loaders",
    "Document": "ingest.model",
    "Passage": "ingest.model",
    "PageTooLarge": "ingest.rendering",
    "TAG_LABELS": "ingest.tagging",
}
__all__ = sorted(EXPORTS)


def __getattr__(name: str):
    if name not in EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(EXPORTS[name]), name)
    globals()[name] = value  # resolved once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(EXPORTS))
