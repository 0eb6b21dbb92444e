"""Warnings on answers drawn from a regulation that a newer one amends or revokes.

The relations come from the regulations' own text (ingest/relations.py); here they are matched
to the cited document, and the newer regulation is named by its indexed title when the index
holds it, so a user never relies on a revoked text unknowingly.
"""

from __future__ import annotations

from dataclasses import asdict

from ingest.citations import DocumentRef
from ingest.messages import t
from ingest.model import Document, Location, Passage
from ingest.relations import Relation

from .presentation import place_label


def notices(document: Document, passage: Passage, relations: list[Relation], documents: dict[str, Document]) -> list[dict]:
    """Structured notices (JSON-ready) for one cited passage: what amends or revokes its document."""
    concerning = [r for r in relations if r.older_ref().matches(document) and not r.newer_ref().matches(document)]
    return _notices(concerning, documents, passage.pasal)


def status_notices(ref: DocumentRef, relations: list[Relation], documents: dict[str, Document]) -> list[dict]:
    """Notices for a regulation a question names, indexed or not ("Apakah Permenpan 5/2018 masih berlaku?")."""
    return _notices([r for r in relations if r.older_ref().same_regulation(ref)], documents, None)


def _notices(relations: list[Relation], documents: dict[str, Document], pasal: str | None) -> list[dict]:
    found: list[dict] = []
    for relation in relations:
        newer = relation.newer_ref()
        newer_source = next((source for source, doc in documents.items() if newer.matches(doc)), None)
        stated_by = None if relation.stated_in == newer_source else _name(relation.stated_in, documents)
        notice = {
            "kind": relation.kind,
            "newer": documents[newer_source].short_name if newer_source else newer.label(),
            "newer_source": newer_source,
            "stated_in": relation.stated_in,
            "location": place_label(relation.location),
            "where": _where(relation.location, stated_by, "id"),
            "place": asdict(relation.location) if relation.location else None,
            "stated_by": stated_by,
            "provisions": relation.provisions,
            "affects_passage": bool(pasal and pasal in relation.provisions),
        }
        same = next((i for i, other in enumerate(found) if (other["kind"], other["newer"]) == (notice["kind"], notice["newer"])), None)
        if same is None:
            found.append(notice)
        elif notice["stated_in"] == newer_source:  # the newer regulation's own words beat a mention elsewhere
            found[same] = notice
    return found


def _name(source: str, documents: dict[str, Document]) -> str:
    return documents[source].short_name if source in documents else source


def _where(location: Location | None, stated_by: str | None, language: str) -> str:
    """Where the relation is stated: the place alone in the newer regulation itself, else document and place."""
    place = place_label(location, language)
    return f"{stated_by}, {place}" if stated_by else place


def render(notice: dict, name: str, language: str = "id") -> str:
    """One warning line; `name` is how the amended/revoked regulation is called."""
    key = {"mencabut": "warn_revoked", "mencabut_sebagian": "warn_partly_revoked"}.get(notice["kind"], "warn_amended")
    location = Location.from_dict(notice["place"]) if notice["place"] else None
    text = t(key, language, name=name, newer=notice["newer"], where=_where(location, notice["stated_by"], language))
    if notice["provisions"]:
        text += " " + t("warn_provisions", language, provisions=", ".join(notice["provisions"]))
    if not notice["newer_source"]:
        text += " " + t("warn_newer_not_indexed", language)
    return text
