"""Everything read out of a parsed regulation besides its passages, in one pure step at ingest.

Definitions (Ketentuan Umum), abbreviations, obligations, relations to other regulations and the smart-city /
SPBE tags of each passage are functions of the structure tree and the passages; the catalog
stores them beside the passages so queries never re-parse a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .abbreviations import Abbreviation, extract_abbreviations
from .glossary import Definition, extract_definitions
from .model import Document, Node, Passage
from .obligations import Obligation, extract_obligations
from .relations import Relation, extract_relations
from .tagging import tag_text


@dataclass
class Extracts:
    definitions: list[Definition] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    abbreviations: list[Abbreviation] = field(default_factory=list)

    def rows(self) -> list[tuple[str, dict]]:
        """(kind, record) pairs as the catalog stores them."""
        return (
            [("definition", d.to_dict()) for d in self.definitions]
            + [("obligation", o.to_dict()) for o in self.obligations]
            + [("relation", r.to_dict()) for r in self.relations]
            + [("abbreviation", a.to_dict()) for a in self.abbreviations]
        )


def extract(document: Document, tree: Node, passages: list[Passage]) -> Extracts:
    """Tags every passage (in place); reads definitions and obligations of a regulation, and the
    amendments/revocations and abbreviations any document states (a Pedoman can revoke an older one,
    a report introduces "Organisasi Perangkat Daerah (OPD)")."""
    for passage in passages:
        passage.tags = tag_text(passage.text)
    relations = extract_relations(document, passages)
    abbreviations = extract_abbreviations(document.source, passages)
    if not document.is_regulation:
        return Extracts(relations=relations, abbreviations=abbreviations)
    return Extracts(extract_definitions(document.source, tree, passages), extract_obligations(passages), relations, abbreviations)
