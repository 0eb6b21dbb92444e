"""The document library as the catalog records it: status, listing, source files, structure trees, registers.

Everything here reads what was indexed (the catalog is the source of truth), never the raw files,
so the library shows exactly what answers can cite. `Library` needs no embedder or vector store: the
CLI's `status`, `glossary` and `obligations` open it alone, and `Assistant` serves it to the UI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ingest.catalog import Catalog
from ingest.index import CATALOG
from ingest.model import Document, Passage
from ingest.pipeline import is_within

from .config import Settings
from .registers import Registers


@dataclass(frozen=True)
class IndexStatus:
    documents: int
    passages: int
    last_ingest: str | None  # ISO time (UTC) of the most recently indexed document
    pending_vectors: int = 0  # passages answerable lexically, still waiting for their vectors


@dataclass(frozen=True)
class LibraryEntry:
    document: Document
    passages: int
    ingested_at: str


@dataclass
class TreeNode:
    """One heading of a document (BAB, Bagian, Pasal, a section) with its passages in reading order."""

    label: str
    children: list[TreeNode] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)

    def child(self, label: str) -> TreeNode:
        if not self.children or self.children[-1].label != label:
            self.children.append(TreeNode(label))
        return self.children[-1]

    def text(self) -> str:
        """The heading's full text: its passages joined, as printed (a long Pasal is split over several)."""
        return "\n".join(p.text for p in self.passages)

    @property
    def page_range(self) -> tuple[int | None, int | None]:
        """First and last printed page of the heading's own passages; (None, None) when unknown."""
        numbers = [n for p in self.passages for n in (p.page_start, p.page_end) if n]
        return (min(numbers), max(numbers)) if numbers else (None, None)


def structure_tree(passages: list[Passage]) -> TreeNode:
    """The heading tree (BAB › Bagian › Pasal, or a report's sections) rebuilt from passage paths.

    Consecutive passages with the same path belong to the same heading (a Pasal split by ayat);
    passages outside any heading (title block, closing) sit on the root under their kind.
    """
    root = TreeNode("")
    for passage in passages:
        node = root
        for label in passage.path or [passage.kind.capitalize()]:
            node = node.child(label)
        node.passages.append(passage)
    return root


def ingest_root(origin: Path, source: str) -> Path | None:
    """The folder a document was ingested from: its recorded path minus its source name's parts.

    None when the recorded path does not end with the source name (a link followed to another name).
    """
    parts = PurePosixPath(source).parts
    if origin.parts[-len(parts) :] != parts:
        return None
    return origin.parents[len(parts) - 1]


class Library:
    """What the index holds, read from its catalog."""

    def __init__(self, catalog: Catalog, corpus: Path) -> None:
        self.catalog = catalog
        self.corpus = corpus  # where a document's file is looked for when its ingest path is gone

    @classmethod
    def open(cls, settings: Settings) -> Library | None:
        """The configured index's library; None when nothing was ever indexed there (nor is anything created)."""
        path = settings.index / CATALOG
        return cls(Catalog(path), settings.corpus) if path.exists() else None

    def entries(self) -> list[LibraryEntry]:
        return [LibraryEntry(document, count, when) for document, count, when in self.catalog.documents()]

    def status(self) -> IndexStatus:
        entries = self.entries()
        return IndexStatus(
            documents=len(entries),
            passages=sum(entry.passages for entry in entries),
            last_ingest=max((entry.ingested_at for entry in entries), default=None),
            pending_vectors=self.catalog.pending_count(),
        )

    def structure(self, source: str) -> TreeNode:
        return structure_tree([p for p in self.catalog.passages(source) if not p.parent])  # units are searched, not read

    def registers(self) -> Registers:
        """The glossary and the obligations register of every indexed document."""
        return Registers.load(self.catalog)

    def source_file(self, source: str) -> Path | None:
        """Where the indexed file lives now: the path recorded at ingest, else under the corpus folder.

        Only a file that resolves inside the folder it belongs to is served (page images, download), so a
        symlink pointing elsewhere, made before or after ingest, never hands out an outside file.
        """
        origin = self.catalog.fingerprints().get(source, ("", ""))[1]
        candidates = [(Path(origin), ingest_root(Path(origin), source))] if origin else []
        for candidate, root in [*candidates, (self.corpus / source, self.corpus)]:
            if root is not None and candidate.is_file() and is_within(candidate.resolve(), root.resolve()):
                return candidate
        return None
