"""The glossary and the obligations register as tables over the catalog, for the CLI and the UI.

Both are read from what ingest extracted (no embedder or vector store needed), and each row
carries the citation a user would write: document, Pasal, angka/ayat, page.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ingest.catalog import Catalog
from ingest.glossary import Definition, matching, normalise_term
from ingest.model import Document
from ingest.obligations import MODALITIES, Obligation, filter_obligations

from .presentation import provision_label

OBLIGATION_COLUMNS = ("dokumen", "berkas", "pasal", "ayat", "halaman", "pelaku", "modalitas", "teks")


@dataclass
class Registers:
    documents: dict[str, Document]
    definitions: list[Definition]
    obligations: list[Obligation]

    @classmethod
    def load(cls, catalog: Catalog) -> Registers:
        return cls(
            {document.source: document for document, _, _ in catalog.documents()},
            [Definition(**record) for record in catalog.extracts("definition")],
            [Obligation(**record) for record in catalog.extracts("obligation")],
        )

    def name(self, source: str) -> str:
        document = self.documents.get(source)
        return document.short_name if document else source

    def lookup(self, term: str) -> list[Definition]:
        """Exact term/alias matches; failing those, entries whose term or alias contains the words."""
        exact = matching(self.definitions, term)
        if exact:
            return exact
        key = normalise_term(term)
        return [d for d in self.definitions if key and any(key in normalise_term(name) for name in d.names())]

    def obligations_for(self, actor: str | None = None, source: str | None = None, modality: str | None = None) -> list[Obligation]:
        rows = filter_obligations(self.obligations, actor, source)
        return [o for o in rows if not modality or o.modality == modality]

    def actors(self) -> list[str]:
        """Actors by number of obligations, most first (for filter choices)."""
        counts: dict[str, int] = {}
        for o in self.obligations:
            if o.actor:
                counts[o.actor] = counts.get(o.actor, 0) + 1
        return sorted(counts, key=lambda actor: (-counts[actor], actor.lower()))

    def definition_row(self, d: Definition) -> dict:
        return {
            "term": d.term,
            "alias": d.alias,
            "definition": d.definition,
            "source": d.source,
            "document": self.name(d.source),
            "pasal": d.pasal,
            "angka": d.angka,
            "page": d.page,
            "citation": f"{self.name(d.source)}, {provision_label(d.pasal, angka=d.angka)}",
        }

    def obligation_row(self, o: Obligation) -> dict:
        return dict(zip(OBLIGATION_COLUMNS, (self.name(o.source), o.source, o.pasal, o.ayat, o.page, o.actor, o.modality, o.text)))

    def obligations_csv(self, rows: list[Obligation]) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=OBLIGATION_COLUMNS)
        writer.writeheader()
        writer.writerows(self.obligation_row(o) for o in rows)
        return out.getvalue()


def obligation_place(o: Obligation, language: str = "id") -> str:
    """'Pasal 4 ayat (2), hlm. 3': a norm's own ayat, not the run of ayat its passage holds."""
    return provision_label(o.pasal, o.ayat if o.ayat and "-" not in o.ayat else None, page=o.page, language=language)


MODALITY_CHOICES = tuple(MODALITIES)
