"""Catalog schema versions: an index from an older release opens (migrated in place), one from a newer
release is refused with a message in both languages and left byte for byte as it was."""

from __future__ import annotations

import json
import sqlite3

import pytest

from assistant.cli import main
from ingest import catalog as catalog_module
from ingest.catalog import MIGRATIONS, Catalog, CatalogTooNew, rename_field
from ingest.index import Index, IndexStateError

# The tables as the first release created them, without a schema version (user_version 0).
RELEASE_0_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    source TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, origin TEXT NOT NULL, data TEXT NOT NULL,
    passages INTEGER NOT NULL, ingested_at TEXT NOT NULL
);
CREATE TABLE passages (
    id TEXT PRIMARY KEY, source TEXT NOT NULL, ord INTEGER NOT NULL, data TEXT NOT NULL, tokens TEXT NOT NULL
);
CREATE INDEX passages_source ON passages(source, ord);
CREATE TABLE extracts (source TEXT NOT NULL, kind TEXT NOT NULL, ord INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX extracts_kind ON extracts(kind, source, ord);
"""
SOURCE = "perbup-contoh-2019.md"
# A record written before `instansi`/`status` (documents) and `tags`/`ocr`/inferred Pasal (passages) existed.
OLD_DOCUMENT = {"source": SOURCE, "title": "Peraturan Bupati Contoh Nomor 7 Tahun 2019", "jenis": "Peraturan Bupati", "nomor": "7", "tahun": 2019}
OLD_PASSAGE = {
    "id": f"{SOURCE}#1", "source": SOURCE, "text": "Bupati menetapkan rencana induk SPBE.", "header": "Perbup Contoh No. 7 Tahun 2019, Pasal 2",
    "path": ["Pasal 2"], "kind": "pasal", "pasal": "2", "ayat": None, "page_start": 3, "page_end": 3,
}


def old_catalog(path, passage: dict = OLD_PASSAGE, version: int = 0) -> None:
    db = sqlite3.connect(path)
    db.executescript(RELEASE_0_SCHEMA)
    with db:
        db.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?)", (SOURCE, "abc", f"/corpus/{SOURCE}", json.dumps(OLD_DOCUMENT), 1, "2025-01-02T03:04:05+00:00"))
        db.execute("INSERT INTO passages VALUES (?, ?, ?, ?, ?)", (passage["id"], SOURCE, 0, json.dumps(passage), json.dumps(["bupati", "tetap"])))
        db.execute(f"PRAGMA user_version = {version}")
    db.close()


def version_of(path) -> int:
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA user_version").fetchone()[0]
    finally:
        db.close()


def test_a_fresh_catalog_carries_the_current_version(tmp_path):
    Catalog(tmp_path / "catalog.sqlite").close()
    assert version_of(tmp_path / "catalog.sqlite") == len(MIGRATIONS) >= 1
    Catalog(tmp_path / "catalog.sqlite").close()  # reopening applies nothing twice
    assert version_of(tmp_path / "catalog.sqlite") == len(MIGRATIONS)


def test_a_first_release_catalog_is_migrated_and_reads_records_lacking_newer_fields(tmp_path):
    old_catalog(tmp_path / "catalog.sqlite")
    index = Index(tmp_path)  # what the app and the CLI open
    assert version_of(tmp_path / "catalog.sqlite") == len(MIGRATIONS)
    (document, count, _), = index.catalog.documents()
    assert (document.short_name, document.instansi, count) == ("Perbup No. 7 Tahun 2019", None, 1)
    (passage,) = index.catalog.passages(SOURCE)
    assert (passage.pasal, passage.page_start, passage.tags, passage.ocr) == ("2", 3, [], False)
    assert index.catalog.ids_and_tokens() == ([f"{SOURCE}#1"], [["bupati", "tetap"]])


def test_a_renamed_field_is_one_appended_step(tmp_path, monkeypatch):
    """As a release renaming `page_start` (stored by an older one as `halaman`) would add it."""
    renamed = {key: value for key, value in OLD_PASSAGE.items() if key != "page_start"} | {"halaman": 3}
    path = tmp_path / "catalog.sqlite"
    old_catalog(path, renamed, version=len(MIGRATIONS))
    with pytest.raises(TypeError, match="halaman"):  # what an unmigrated old record does to the reader
        Catalog(path).passages()

    monkeypatch.setattr(catalog_module, "MIGRATIONS", [*MIGRATIONS, rename_field("passages", "halaman", "page_start")])
    (passage,) = Catalog(path).passages()
    assert passage.page_start == 3 and passage.text == OLD_PASSAGE["text"]
    assert version_of(path) == len(MIGRATIONS) + 1


def test_a_catalog_from_a_newer_release_is_refused_and_untouched(tmp_path, capsys):
    path = tmp_path / "catalog.sqlite"
    old_catalog(path, version=len(MIGRATIONS) + 3)
    before = (path.read_bytes(), path.stat().st_mtime_ns)

    with pytest.raises(CatalogTooNew) as raised:
        Catalog(path)
    assert isinstance(raised.value, IndexStateError)
    assert "lebih baru" in raised.value.message("id") and f"schema {len(MIGRATIONS) + 3}" in raised.value.message("en")
    with pytest.raises(CatalogTooNew):
        Index(tmp_path)
    assert main(["status", "--index", str(tmp_path)]) == 2
    assert "lebih baru" in capsys.readouterr().err

    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalog.sqlite"]  # no journal or new file left
