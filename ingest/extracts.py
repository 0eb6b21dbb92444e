"""Everything read out of a parsed regulation besides its passages, in one pure step at ingest.

Definitions (Ketentuan Umum), obligations, relations to other regulations and the smart-city /
SPBE tags of each passage are functions of the structure tree and the passages; the catalog
stores them beside the passages so queries never re-parse a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .glossary import Definition, extract_definitions
from .model import Document, Node, Passage
from .obligations import Obligation, extract_obligations
from .tagging import tag_text


@dataclass
class Extracts:
    definitions: list[Definition] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)

    def rows(self) -> list[tuple[str, dict]]:
        """(kind, record) pairs as the catalog stores them."""
        return [("definition", d.to_dict()) for d in self.definitions] + [("obligation", o.to_dict()) for o in self.obligations]


def extract(document: Document, tree: Node, passages: list[Passage]) -> Extracts:
    """Tags every passage (in place) and reads a regulation's definitions and obligations."""
    for passage in passages:
        passage.tags = tag_text(passage.text)
    if not document.is_regulation:
        return Extracts()
    return Extracts(definitions=extract_definitions(document.source, tree, passages), obligations=extract_obligations(passages))
