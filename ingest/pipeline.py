"""The ingest run: discover files → skip unchanged → load, clean, parse, chunk → embed → index.

Each file is handled on its own: one unreadable file is reported (as a `Problem`: what happened,
what to do) and the rest go on, and what is already indexed for it stays. A file's fingerprint (its
bytes, its sidecar, the pipeline version) decides whether it needs work, so an unchanged corpus
costs only hashing; files with the same bytes are indexed once, also across runs (a copy of an
indexed file under another name is reported as a duplicate before anything is written). One ingest
runs per index at a time (`lock.py`), and a killed run is repaired and completed by the next one.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from . import pool
from .chunking import chunk_document
from .cleaning import clean_pages
from .embedders import Embedder
from .extracts import Extracts, extract
from .index import Index, IndexStateError
from .lexical import tokenize
from .loaders import SUPPORTED_SUFFIXES, load_pages
from .lock import IngestLock
from .memory import return_freed_memory
from .messages import Phrase, t
from .metadata import apply_overrides, extract_metadata, load_sidecar, sidecar_path, title_case
from .model import Document, Passage
from .ocr import OcrCache
from .problems import LoadError, Problem
from .sop import is_sop, parse_sop, sop_daerah, sop_title, sop_tree, sop_year
from .structure import parse_regulation, parse_sections
from .tagging import LEXICON
from .units import unit_passages
from .vector_cache import VectorCache, model_key

# Bump when parsing or chunking changes, so the next ingest re-processes every file.
PIPELINE_VERSION = "31"  # 31: regulations cited in English ("Law No. 14 of 2008", "Government Regulation 71/2019") are citations too; 30: a label after the word that refers to it ("... pada ayat\n(1) Peraturan ...", "huruf\na.") is a wrapped cross-reference wherever it starts a line: in the Pasal tree, the ayat split and the quoted units; 29: an SOP's region from the issuer printed at the head of its identity page; 28: entries of a titled table of contents with a bare page number ("2. Pendahuluan 4") are contents, no headings; 27: a table of contents or foreword parents no section, an ALL-CAPS line printed three times or more is no heading; 26: a PDF page whose words pypdf reads one per line gets the words of one baseline joined; 25: the tail of a contents table under its heading is contents too; 24: tables of contents are not passages; 23: an OCR-split Pasal number ("Pasal 2 1") or "Pasai" heading read as the Pasal; 22: scanned tables: a bowed ruling is one line, a banner row ("TAHAP 2") no step; 21: mathematical letters of formulas read as letters; 20: "Disahkan di pada tanggal" (place missing) opens the penutup; 19: and "*italic*" pairs; 18: Markdown italics around words removed ("_Pasal 81" was no heading); 17: "disahkan di..." wrapped inside an ayat no longer opens the penutup; 16: a ruled table whose cell words are cut at the borders keeps pypdf's text; 15: ruled tables of born-digital PDFs read cell by cell; 14: "(1) dibuktikan ..." after "... pada ayat" is a wrapped cross-reference, not an ayat; 13: list labels printed apart from their texts rejoined; 12: ayat run into one line by a converter are split by their numbering; 11: table rows as units with a parent; 10: scanned tables rebuilt from word boxes, SOPs, planning kinds; a relation's place structured as ingest/model.Location; 8: abbreviations learned at ingest; 7: passage ids name source and version; 6: OCR pages, DOCX/HTML, lost Pasal headings, glossary/obligations/relations, tags
# Passages per embedder call and per commit of an ingest: the torch engine sorts a call's texts by length
# and pads each sub-batch, so a larger call wastes less on padding and call overhead. On the bundled corpus
# (evaluations/README.md, seventh session, idle machine): 32 → 532 s and 0.72 of the engine's raw rate,
# 128 → 433 s and 0.92. A kill loses at most one call's work (~30 s); the app's background thread keeps
# its own small batches (assistant/background.py) so a question never waits long for the embedder.
EMBED_BATCH = 128
# Files parsed at once, and parsed files held before the one in front is indexed (memory). While one file
# waits for the run's Tesseract or pdfplumber workers (`pool.shared_by_run`), the next is parsed and may
# queue its pages for the same workers (`pool.ahead_in_order`). Embedding waits for the last file: on 2
# cores, embedding beside OCR made the scanned documents' ingest slower (evaluations/README.md).
PARSE_THREADS = 2
PARSE_AHEAD = 8
# Provenance notes that live beside the documents, not documents themselves.
NOT_DOCUMENTS = {"sources.md", "readme.md", "readme.txt"}


@dataclass
class FileResult:
    source: str
    status: str  # indexed, unchanged, removed, skipped, failed
    pages: int = 0
    passages: int = 0
    problem: Problem | None = None  # why it was skipped, failed or removed
    notes: list[Problem] = field(default_factory=list)  # warnings on a file that was still indexed

    @property
    def message(self) -> str:
        """The problem and notes in Indonesian (see `describe` for another language)."""
        return self.describe()

    def describe(self, language: str = "id") -> str:
        return "; ".join(p.text(language) for p in ([self.problem] if self.problem else []) + self.notes)


@dataclass
class ParsedFile:
    """What parsing one file gave: its parts, or the error it raised; the warnings either way."""

    parts: tuple[Document, list[Passage], Extracts] | None = None
    error: Exception | None = None
    notes: list[Problem] = field(default_factory=list)


@dataclass
class IngestReport:
    results: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0
    embed_seconds: float = 0.0
    embedded: int = 0
    pending: int = 0  # passages still waiting for a vector when the run ended (answerable lexically)

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
            skipped.append(FileResult(str(root), "failed", problem=Problem("not_found")))
            continue
        home = root.resolve() if root.is_dir() else None  # a file named on the command line is taken as given
        for source, file in candidates:
            name = file.name.lower()
            if name.endswith(".meta.toml") or name in NOT_DOCUMENTS:
                continue
            if home and not is_within(file.resolve(), home):
                # A symlink out of the folder would index (and the app serve) a file from anywhere.
                skipped.append(FileResult(source, "skipped", problem=Problem("symlink_outside")))
                continue
            if file.suffix.lower() not in SUPPORTED_SUFFIXES:
                skipped.append(FileResult(source, "skipped", problem=Problem("unsupported", {"suffix": file.suffix or Phrase("no_suffix")})))
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


def parse_file(
    source: str,
    file: Path,
    sha256: str,
    ocr: bool = True,
    notes: list[Problem] | None = None,
    version: str = "",
    ocr_cache: OcrCache | None = None,
) -> tuple[Document, list[Passage], Extracts]:
    """One file → its metadata, passages and extracts (pure apart from reading the file); warnings go to `notes`.

    `version` (the file's fingerprint) goes into the passage ids: see `chunking.passage_key`;
    `ocr_cache` holds the text of scanned pages read before.
    """
    notes = notes if notes is not None else []
    raw_pages = load_pages(file, ocr=ocr, notes=notes, ocr_cache=ocr_cache)
    pages = clean_pages(raw_pages)
    if not any(page.text.strip() for page in pages):
        codes = {note.code for note in notes}
        raise LoadError("no_text_ocr_off" if "ocr_off" in codes else "no_text_ocr_missing" if "ocr_missing" in codes else "no_text")
    document = replace(extract_metadata(source, pages), source=source, pages=len(pages), sha256=sha256)
    sidecar = sidecar_path(file)
    if sidecar.exists():
        document = apply_overrides(document, load_sidecar(sidecar))
    sop = parse_sop(raw_pages) if not document.is_regulation and is_sop(raw_pages) else None
    if sop:
        title = sop_title(sop)
        document = replace(
            document, jenis="SOP", nomor=sop.fields.get("Nomor SOP"), tahun=sop_year(sop) or document.tahun,
            title=title_case(title) if title else document.title, daerah=sop_daerah(raw_pages) or document.daerah,
        )
        if sidecar.exists():
            document = apply_overrides(document, load_sidecar(sidecar))
    # The parsers clean raw pages themselves, keeping Markdown heading marks that tell headings apart.
    tree = sop_tree(sop) if sop else parse_regulation(raw_pages) if document.is_regulation else None
    if not sop and (tree is None or not any(node.kind == "pasal" for node in tree.walk())):
        tree = parse_sections(raw_pages)
    passages = chunk_document(document, tree, pages, version)
    extracts = extract(document, tree, passages)  # tags the passages; their units inherit the tags
    return document, passages + unit_passages(passages), extracts


def is_within(path: Path, root: Path) -> bool:
    """`path` is `root` or lies below it (both resolved by the caller: no symlink or '..' left)."""
    return path == root or root in path.parents


def _is_under(origin: str, roots: list[Path]) -> bool:
    return any(is_within(Path(origin), root) for root in roots)


def _known_vectors(
    embedder: Embedder, passages: list[Passage], cache: dict[str, np.ndarray], stored: VectorCache | None
) -> dict[str, np.ndarray]:
    """passage id → vector for the passages whose text is already embedded: in this run (repeated
    boilerplate, the unchanged passages of an edited file) or in an earlier one (the vector cache)."""
    _recall(embedder, stored, [p.search_text for p in passages], cache)
    return {p.id: cache[p.search_text] for p in passages if p.search_text in cache}


def _recall(embedder: Embedder, stored: VectorCache | None, texts: list[str], cache: dict[str, np.ndarray]) -> None:
    """Fill the run's cache with the vectors the persistent cache holds for texts the run has not seen."""
    if stored is not None:
        cache.update(stored.lookup(model_key(embedder), [t for t in texts if t not in cache], embedder.dim))


def embed_pending(
    index: Index,
    embedder: Embedder,
    stored: VectorCache | None = None,
    progress: bool = False,
    cache: dict | None = None,
    batch_size: int = EMBED_BATCH,
    batches: int | None = None,
    language: str = "id",
) -> tuple[int, float]:
    """Embed every passage waiting for its vector, smallest documents first; returns (texts embedded, seconds).

    Each batch is committed on its own, so a run killed here loses at most one batch, and the next
    run (or the next `asisten ingest`, even of an unchanged corpus) goes on from there. Small batches
    suit a background thread: a question waits for at most one batch of the shared embedder;
    `batches` stops after that many, so the caller can let other writers in between. The progress bar
    speaks `language`.
    """
    from tqdm import tqdm

    cache = {} if cache is None else cache
    model, embedded, started = model_key(embedder), 0, time.perf_counter()
    bar = tqdm(total=index.catalog.pending_count(), desc=t("progress_vectors", language), unit=t("progress_unit_passages", language), disable=not progress)
    while (batches is None or batches > 0) and (batch := index.catalog.pending(batch_size)):
        batches = None if batches is None else batches - 1
        return_freed_memory()  # what parsing or the last batch freed, before this batch takes its share
        texts = [passage.search_text for _, passage in batch]
        _recall(embedder, stored, texts, cache)
        todo = list(dict.fromkeys(t for t in texts if t not in cache))
        if todo:
            fresh = dict(zip(todo, embedder.embed_passages(todo)))
            cache.update(fresh)
            if stored is not None:
                stored.store(model, fresh)
            embedded += len(todo)
        index.add_vectors(batch, np.stack([cache[t] for t in texts]))
        bar.update(len(batch))
    bar.close()
    return embedded, time.perf_counter() - started


def _index_parsed(
    index: Index, embedder: Embedder, source: str, file: Path, parsed: ParsedFile, print_: str, replaces: bool,
    cache: dict[str, np.ndarray], vector_cache: VectorCache | None,
) -> FileResult:
    """Write one parsed file into the index (its vectors where a cache knows them: the run's, the index's
    own for a file it `replaces`, the persistent one) and say how it went."""
    notes = parsed.notes
    try:
        if parsed.error is not None:
            raise parsed.error
        document, passages, extracts = parsed.parts
        if replaces:
            cache.update(index.stored_vectors(source))
        vectors = _known_vectors(embedder, passages, cache, vector_cache)
        tokens = [tokenize(p.search_text) for p in passages]
        index.replace_document(document, passages, vectors, tokens, embedder.name, print_, str(file.resolve()), extracts.rows())
        return FileResult(source, "indexed", pages=document.pages, passages=sum(not p.parent for p in passages), notes=notes)
    except LoadError as error:
        return FileResult(source, "failed", problem=error.problem, notes=notes)
    except OSError as error:
        return FileResult(source, "failed", problem=_file_problem(error), notes=notes)
    except IndexStateError:
        raise  # the index itself cannot be written: no other file can be indexed either
    except Exception as error:  # a parser bug on one odd file must not stop the others
        detail = f"{type(error).__name__}: {error}"[:200]
        return FileResult(source, "failed", problem=Problem("internal", {"detail": detail}), notes=notes)


def _file_problem(error: OSError) -> Problem:
    if isinstance(error, FileNotFoundError):
        return Problem("vanished")
    return Problem("unreadable", {"detail": error.strerror or type(error).__name__})


def _fingerprints(files: list[tuple[str, Path]], max_file_bytes: int | None) -> tuple[dict[str, tuple[str, str]], list[FileResult]]:
    """source → (content hash, fingerprint) of each readable file within the size limit, and the rest as failures."""
    prints: dict[str, tuple[str, str]] = {}
    failed: list[FileResult] = []
    for source, file in files:
        try:
            size = file.stat().st_size
            if max_file_bytes is not None and size > max_file_bytes:
                values = {"size_mb": round(size / 2**20, 1), "limit_mb": round(max_file_bytes / 2**20, 1)}
                failed.append(FileResult(source, "failed", problem=Problem("too_large", values)))
                continue
            prints[source] = fingerprint(file)
        except OSError as error:
            failed.append(FileResult(source, "failed", problem=_file_problem(error)))
    return prints, failed


def _duplicates(prints: dict[str, tuple[str, str]], indexed_hashes: dict[str, str]) -> dict[str, str]:
    """duplicate source → the source whose copy is indexed: the one already in the index, else the first by name.

    "Already in the index" includes documents this run does not touch (an upload of a copy, a CLI
    run over another folder): their bytes keep their name, so a copy never replaces the original.
    """
    keeper: dict[str, str] = {}
    for source, content in sorted(indexed_hashes.items()):
        if source not in prints:
            keeper.setdefault(content, source)
    for source in sorted(prints, key=lambda s: (indexed_hashes.get(s) != prints[s][0], s)):
        keeper.setdefault(prints[source][0], source)
    return {source: keeper[content] for source, (content, _) in prints.items() if keeper[content] != source}


def ingest(
    paths: list[Path],
    index: Index,
    embedder: Embedder,
    rebuild: bool = False,
    progress: bool = True,
    ocr: bool = True,
    max_file_bytes: int | None = None,
    vector_cache: VectorCache | None = None,
    embed_now: bool = True,
    language: str = "id",
    ocr_cache: OcrCache | None = None,
) -> IngestReport:
    """Index the files under `paths`; one process at a time per index (`IngestLocked` otherwise).

    `ocr` reads scanned PDF pages with Tesseract; files over `max_file_bytes` are refused;
    `vector_cache` supplies vectors of texts an earlier run embedded, `ocr_cache` the text of scanned
    pages an earlier run read; the progress bar speaks `language`.
    A file is answerable as soon as it is indexed (by Pasal, in the glossary, and lexically: readers
    build the lexical index from the catalog until it is rebuilt after the last file); vectors are
    embedded after the last file. With `embed_now` false they are left pending for a later run
    (`embed_pending`), e.g. one in the background. A run
    killed at any point leaves every document fully indexed or not at all; the next run repairs
    and completes the work (see `Index.replace_document`, `Index.recover`). A rebuild (asked, or
    because the embedder changed) fills a new generation beside the live index and swaps it in at
    the end (`Index.new_generation`, `Index.swap`): until then, and if it is killed, questions are
    answered from the live index as it was, and the store it replaces is never opened (it may be
    damaged).
    """
    with IngestLock(index.dir):
        index.drop_other_generations()
        rebuilding = rebuild or bool(index.embedder_name and index.embedder_name != embedder.name)
        target = index.new_generation() if rebuilding else index
        if target.catalog.get_meta("run_complete") == "0":
            target.recover()
        target.catalog.set_meta("run_complete", "0")
        report = _run(paths, target, embedder, progress, ocr, max_file_bytes, vector_cache, embed_now or rebuilding, language, ocr_cache)
        target.catalog.set_meta("run_complete", "1")
        if rebuilding:
            index.swap(target)
    return report


def _run(
    paths: list[Path],
    index: Index,
    embedder: Embedder,
    progress: bool,
    ocr: bool,
    max_file_bytes: int | None,
    vector_cache: VectorCache | None,
    embed_now: bool,
    language: str,
    ocr_cache: OcrCache | None,
) -> IngestReport:
    started = time.perf_counter()
    report = IngestReport()
    files, skipped = discover(paths)
    report.results.extend(skipped)
    known = index.catalog.fingerprints()
    roots = [p.resolve() for p in paths]
    seen = {source for source, _ in files}
    refused = {r.source for r in skipped if r.problem and r.problem.code == "symlink_outside"}
    for source, (_, origin) in known.items():
        if source in refused:
            index.remove_document(source)  # indexed by an older version that followed the link
        elif source not in seen and _is_under(origin, roots):
            index.remove_document(source)
            report.results.append(FileResult(source, "removed", problem=Problem("removed")))

    prints, unreadable = _fingerprints(files, max_file_bytes)
    report.results.extend(unreadable)
    indexed_hashes = {doc.source: doc.sha256 for doc, _, _ in index.catalog.documents()}
    duplicates = _duplicates(prints, indexed_hashes)

    from tqdm import tqdm

    todo = [(source, file) for source, file in files if source in prints]
    bar = tqdm(total=len(todo), desc="ingest", unit=t("progress_unit", language), disable=not progress)
    cache: dict[str, np.ndarray] = {}
    # Parsed only when neither a duplicate nor unchanged: those decisions need no parsing.
    needs_parse = {
        source for source, _ in todo if source not in duplicates and known.get(source, ("", ""))[0] != prints[source][1]
    }

    def parse(job: tuple[str, Path]) -> ParsedFile | None:
        source, file = job
        if source not in needs_parse:
            return None
        parsed = ParsedFile()
        try:
            parsed.parts = parse_file(source, file, prints[source][0], ocr, parsed.notes, version=prints[source][1], ocr_cache=ocr_cache)
        except Exception as error:  # raised again where the file's outcome is recorded
            parsed.error = error
        return parsed

    with pool.shared_by_run():
        for (source, file), parsed in pool.ahead_in_order(parse, todo, PARSE_THREADS, PARSE_AHEAD):
            bar.set_postfix_str(source[-40:])
            bar.update()
            if source in duplicates:
                if source in known:
                    index.remove_document(source)
                report.results.append(FileResult(source, "skipped", problem=Problem("duplicate", {"original": duplicates[source]})))
                continue
            if source not in needs_parse:
                report.results.append(FileResult(source, "unchanged"))
                continue
            report.results.append(_index_parsed(index, embedder, source, file, parsed, prints[source][1], source in known, cache, vector_cache))
    bar.close()
    if index.lexical_stale:
        index.rebuild_lexical()  # from here every new passage is answerable: lexically, by Pasal, in the glossary
    if embed_now:
        report.embedded, report.embed_seconds = embed_pending(index, embedder, vector_cache, progress, cache, language=language)
    report.pending = index.catalog.pending_count()
    report.seconds = time.perf_counter() - started
    return report
