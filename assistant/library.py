"""The document library as the catalog records it: status, listing, source files, structure trees.

Everything here reads what was indexed (the catalog is the source of truth), never the raw files,
so the library shows exactly what answers can cite.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ingest.catalog import Catalog
from ingest.model import Document, Passage


@dataclass(frozen=True)
class IndexStatus:
    documents: int
    passages: int
    last_ingest: str | None  # ISO time (UTC) of the most recently indexed document


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

    @property
    def pages(self) -> str:
        first, last = self.page_range
        if first is None:
            return ""
        return f"{first}" if first == last else f"{first}–{last}"


def library(catalog: Catalog) -> list[LibraryEntry]:
    return [LibraryEntry(document, count, when) for document, count, when in catalog.documents()]


def index_status(catalog: Catalog) -> IndexStatus:
    entries = library(catalog)
    return IndexStatus(
        documents=len(entries),
        passages=sum(entry.passages for entry in entries),
        last_ingest=max((entry.ingested_at for entry in entries), default=None),
    )


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


def source_file(catalog: Catalog, source: str, corpus: Path) -> Path | None:
    """Where the indexed file lives now: the path recorded at ingest, else under the corpus folder."""
    origin = catalog.fingerprints().get(source, ("", ""))[1]
    for candidate in (Path(origin) if origin else None, corpus / source):
        if candidate and candidate.is_file():
            return candidate
    return None
