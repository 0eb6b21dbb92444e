"""The ingest run: discover files → skip unchanged → load, clean, parse, chunk → embed → index.

Each file is handled on its own: one unreadable file is reported and the rest go on. A file's
fingerprint (its bytes, its sidecar, the pipeline version) decides whether it needs work, so an
unchanged corpus costs only hashing.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from .chunking import chunk_document
from .cleaning import clean_pages
from .embedders import Embedder
from .extracts import Extracts, extract
from .index import Index
from .lexical import tokenize
from .loaders import SUPPORTED_SUFFIXES, LoadError, load_pages
from .metadata import apply_overrides, extract_metadata, load_sidecar, sidecar_path
from .model import Document, Passage
from .structure import parse_regulation, parse_sections
from .tagging import LEXICON

# Bump when parsing or chunking changes, so the next ingest re-processes every file.
PIPELINE_VERSION = "4"
EMBED_BATCH = 32
# Provenance notes that live beside the documents, not documents themselves.
NOT_DOCUMENTS = {"sources.md", "readme.md", "readme.txt"}


@dataclass
class FileResult:
    source: str
    status: str  # indexed, unchanged, removed, skipped, failed
    pages: int = 0
    passages: int = 0
    message: str = ""


@dataclass
class IngestReport:
    results: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0
    embed_seconds: float = 0.0
    embedded: int = 0

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def pages(self) -> int:
        return sum(r.pages for r in self.results if r.status == "indexed")

    @property
    def passages(self) -> int:
        return sum(r.passages for r in self.results if r.status == "indexed")

    @property
    def passages_per_second(self) -> float:
        return self.embedded / self.embed_seconds if self.embed_seconds else 0.0

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]


def discover(paths: list[Path]) -> tuple[list[tuple[str, Path]], list[FileResult]]:
    """(source name, file) pairs under the given files/folders, plus the files skipped and why."""
    found: list[tuple[str, Path]] = []
    skipped: list[FileResult] = []
    for root in paths:
        if root.is_file():
            candidates = [(root.name, root)]
        elif root.is_dir():
            candidates = [
                (f.relative_to(root).as_posix(), f)
                for f in sorted(root.rglob("*"))
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(root).parts)
            ]
        else:
            skipped.append(FileResult(str(root), "failed", message="berkas atau folder tidak ditemukan"))
            continue
        for source, file in candidates:
            name = file.name.lower()
            if name.endswith(".meta.toml") or name in NOT_DOCUMENTS:
                continue
            if file.suffix.lower() not in SUPPORTED_SUFFIXES:
                skipped.append(FileResult(source, "skipped", message=f"format {file.suffix or '(tanpa ekstensi)'} tidak didukung"))
                continue
            found.append((source, file))
    return found, skipped


def fingerprint(file: Path) -> tuple[str, str]:
    """(content sha256 of the file, fingerprint including its sidecar and the pipeline version)."""
    content = hashlib.sha256(file.read_bytes()).hexdigest()
    combined = hashlib.sha256(f"{content}:{PIPELINE_VERSION}".encode())
    combined.update(LEXICON.read_bytes())  # retagging follows an edited lexicon
    sidecar = sidecar_path(file)
    if sidecar.exists():
        combined.update(sidecar.read_bytes())
    return content, combined.hexdigest()


def parse_file(source: str, file: Path, sha256: str) -> tuple[Document, list[Passage], Extracts]:
    """One file → its document metadata, passages and extracts (pure apart from reading the file)."""
    raw_pages = load_pages(file)
    pages = clean_pages(raw_pages)
    if not any(page.text.strip() for page in pages):
        raise LoadError("tidak ada teks yang dapat dibaca (PDF hasil pindai tanpa lapisan teks?)")
    document = replace(extract_metadata(source, pages), source=source, pages=len(pages), sha256=sha256)
    sidecar = sidecar_path(file)
    if sidecar.exists():
        document = apply_overrides(document, load_sidecar(sidecar))
    # The parsers clean raw pages themselves, keeping Markdown heading marks that tell headings apart.
    tree = parse_regulation(raw_pages) if document.is_regulation else None
    if tree is None or not any(node.kind == "pasal" for node in tree.walk()):
        tree = parse_sections(raw_pages)
    passages = chunk_document(document, tree, pages)
    return document, passages, extract(document, tree, passages)


def _is_under(origin: str, roots: list[Path]) -> bool:
    path = Path(origin)
    return any(path == root or root in path.parents for root in roots)


def _embed(embedder: Embedder, passages: list[Passage], cache: dict[str, np.ndarray]) -> tuple[np.ndarray, int]:
    """Embed in batches; a text already in the cache (repeated boilerplate, unchanged passage) is not re-embedded."""
    texts = [p.search_text for p in passages]
    todo = list(dict.fromkeys(t for t in texts if t not in cache))
    for start in range(0, len(todo), EMBED_BATCH):
        batch = todo[start : start + EMBED_BATCH]
        for text, vector in zip(batch, embedder.embed_passages(batch)):
            cache[text] = vector
    vectors = np.stack([cache[t] for t in texts]) if texts else np.zeros((0, embedder.dim), dtype=np.float32)
    return vectors, len(todo)


def ingest(paths: list[Path], index: Index, embedder: Embedder, rebuild: bool = False, progress: bool = True) -> IngestReport:
    started = time.perf_counter()
    report = IngestReport()
    if rebuild or (index.embedder_name and index.embedder_name != embedder.name):
        index.clear()
    files, skipped = discover(paths)
    report.results.extend(skipped)
    known = index.catalog.fingerprints()
    roots = [p.resolve() for p in paths]
    seen = {source for source, _ in files}
    for source, (_, origin) in known.items():
        if source not in seen and _is_under(origin, roots):
            index.remove_document(source)
            report.results.append(FileResult(source, "removed", message="berkas tidak ada lagi; bagiannya dihapus dari indeks"))

    from tqdm import tqdm

    bar = tqdm(files, desc="ingest", unit="berkas", disable=not progress)
    cache: dict[str, np.ndarray] = {}
    for source, file in bar:
        bar.set_postfix_str(source[-40:])
        try:
            content_hash, print_ = fingerprint(file)
            if known.get(source, ("", ""))[0] == print_:
                report.results.append(FileResult(source, "unchanged"))
                continue
            document, passages, extracts = parse_file(source, file, content_hash)
            embed_start = time.perf_counter()
            if source in known:
                cache.update(index.stored_vectors(source))
            vectors, embedded = _embed(embedder, passages, cache)
            report.embed_seconds += time.perf_counter() - embed_start
            report.embedded += embedded
            tokens = [tokenize(p.search_text) for p in passages]
            index.replace_document(
                document, passages, vectors, tokens, embedder.name, print_, str(file.resolve()), extracts.rows()
            )
            report.results.append(FileResult(source, "indexed", pages=document.pages, passages=len(passages)))
        except (LoadError, ValueError, OSError) as error:
            report.results.append(FileResult(source, "failed", message=str(error)))
        except Exception as error:  # a parser bug on one odd file must not stop the others
            report.results.append(FileResult(source, "failed", message=f"kesalahan internal ({type(error).__name__}: {error})"))
    if index.lexical_stale:
        index.rebuild_lexical()
    report.seconds = time.perf_counter() - started
    return report
