"""Cross-references resolved: "sebagaimana dimaksud dalam Pasal 3 ayat (1)" → that passage's text.

References are read from the cited passage at answer time (ingest/citations.provision_refs) and
looked up among the indexed passages of the same document, or of the regulation the reference
names. A reference whose target is not indexed is still listed, with no text.
"""

from __future__ import annotations

from collections.abc import Callable

from ingest.citations import provision_refs
from ingest.model import Document, Passage

from .lookup import ayat_text, provision_passages

EXCERPT_CHARS = 600


def _target_passages(ref, passage: Passage, passages_of: Callable[[str], list[Passage]], documents: dict[str, Document]):
    """(source, passages of the target provision) or (None, []) when the target is not indexed."""
    if ref.document is None:
        source = passage.source
    else:
        source = next((s for s, doc in documents.items() if ref.document.matches(doc)), None)
        if source is None:
            return None, []
    pool = passages_of(source)
    if ref.lampiran is not None:
        number = ref.lampiran
        found = [p for p in pool if p.kind == "lampiran" and (not number or any(f"LAMPIRAN {number}".lower() in part.lower() for part in p.path[:1]))]
        return source, (found or [p for p in pool if p.kind == "lampiran"])[:1]
    pasal = ref.pasal or passage.pasal
    if not pasal:
        return source, []
    kind_pool = [p for p in pool if p.kind == "pasal"]
    return source, provision_passages(kind_pool, pasal, ref.ayat)[:1]


def resolve(passage: Passage, passages_of: Callable[[str], list[Passage]], documents: dict[str, Document]) -> list[dict]:
    """Every provision the passage cites, with the referenced text when indexed (JSON-ready);
    `passages_of` gives a document's passages in reading order (none for a source not indexed)."""
    resolved = []
    for ref in provision_refs(passage.text):
        source, targets = _target_passages(ref, passage, passages_of, documents)
        entry = ref.to_dict()
        if ref.ayat and not ref.pasal:
            entry["pasal"] = passage.pasal  # "pada ayat (2)" is an ayat of the same Pasal
        if targets:
            target = targets[0]
            text = " ".join(((ayat_text(target.text, ref.ayat) if ref.ayat else None) or target.text).split())
            entry["resolved"] = {
                "source": source,
                "document": documents[source].short_name,
                "location": target.location(),
                "page": target.page_start,
                "text": text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rstrip() + "…",
            }
        else:
            entry["resolved"] = None
        resolved.append(entry)
    return resolved
