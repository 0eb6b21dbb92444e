"""End to end with the real embedder and real Chroma: ingest → index → ask, and re-ingest rules."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from ingest.index import Index
from ingest.lexical import LexicalIndex
from ingest.messages import t
from ingest.pipeline import ingest

from .conftest import SMALL_SET

PASAL_TEXT = "Pasal 1\nDalam Peraturan ini yang dimaksud dengan:\n1. Kopi Tubruk adalah minuman {flavour}.\n\nPasal 2\nSetiap kedai wajib menyajikan Kopi Tubruk paling lambat 7 (tujuh) menit.\n"
HEADER = "PERATURAN BUPATI CONTOH\nNOMOR 3 TAHUN 2024\nTENTANG\nKOPI TUBRUK\n\nDENGAN RAHMAT TUHAN YANG MAHA ESA\n\n"


def _write(folder: Path, name: str, flavour: str) -> Path:
    path = folder / name
    path.write_text(HEADER + PASAL_TEXT.format(flavour=flavour), encoding="utf-8")
    return path


def _chroma_ids(index: Index, source: str) -> set[str]:
    return set(index.collection.get(where={"source": source})["ids"])


def test_small_corpus_is_indexed_with_citation_metadata(small_index):
    index = Index(small_index)
    documents = {doc.source: (doc, count) for doc, count, _ in index.catalog.documents()}
    assert set(documents) == set(SMALL_SET)
    uu, count = documents["uu-14-2008-keterbukaan-informasi-publik.pdf"]
    assert (uu.jenis, uu.nomor, uu.tahun) == ("Undang-Undang", "14", 2008)
    assert count > 60
    passages = index.catalog.passages("uu-14-2008-keterbukaan-informasi-publik.pdf")
    pasal_numbers = {p.pasal for p in passages if p.kind == "pasal"}
    assert {"1", "7", "22", "64"} <= pasal_numbers
    assert all(p.page_start and 1 <= p.page_start <= 53 for p in passages if p.kind == "pasal")
    assert all(p.header.startswith("UU No. 14 Tahun 2008") for p in passages)
    # Vectors and lexical rows exist for exactly the catalog's passages.
    assert _chroma_ids(index, uu.source) == {p.id for p in passages}
    assert {p.id for p in passages} <= set(LexicalIndex.load(small_index / "lexical").ids)


def test_definition_question_cites_pasal_1(small_assistant):
    answer = small_assistant.ask("Apa yang dimaksud dengan Badan Publik?")
    assert answer.found
    top = answer.hits[0].passage
    assert (top.source, top.pasal) == ("uu-14-2008-keterbukaan-informasi-publik.pdf", "1")
    assert "Badan Publik adalah" in top.text
    assert "[1]" in answer.text and "Pasal 1" in answer.text


def test_smart_city_dimensions_come_from_the_research_article(small_assistant):
    answer = small_assistant.ask("Apa saja dimensi smart city Kabupaten Blitar?")
    sources = [hit.passage.source for hit in answer.hits[:3]]
    assert "skripsi-implementasi-perbup-blitar-22-2019-smart-city.md" in sources


def test_unanswerable_question_is_refused_with_closest_passages(small_assistant):
    answer = small_assistant.ask("Berapa tarif retribusi parkir sepeda motor di Kota Medan tahun 2030?")
    assert not answer.found
    assert answer.text.startswith("Tidak ditemukan dalam dokumen yang diindeks.")
    assert "[1]" in answer.text  # closest passages are still listed


def test_a_refusal_for_too_little_evidence_says_so(small_assistant):
    """Refused because the nearest passages share too little of the question: the answer says how little."""
    for language in ("id", "en"):
        answer = small_assistant.ask("Bagaimana cara merawat tanaman anggrek di rumah?", language=language)
        assert not answer.found
        share = round(answer.confidence * 100)
        assert t("weak_evidence", language, share=share) in answer.text, answer.text


def test_reingest_unchanged_changed_and_removed(tmp_path, embedder):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    _write(corpus, "kopi.txt", "hitam pekat")
    _write(corpus, "teh.txt", "manis")
    (corpus / "catatan.xyz").write_text("bukan dokumen")

    first = ingest([corpus], Index(index_dir), embedder, progress=False)
    assert first.count("indexed") == 2 and first.count("skipped") == 1 and not first.failed
    old_ids = _chroma_ids(Index(index_dir), "kopi.txt")

    again = ingest([corpus], Index(index_dir), embedder, progress=False)
    assert again.count("unchanged") == 2 and again.embedded == 0

    _write(corpus, "kopi.txt", "hitam tanpa gula aren")
    (corpus / "teh.txt").unlink()
    third = ingest([corpus], Index(index_dir), embedder, progress=False)
    statuses = {r.source: r.status for r in third.results}
    assert statuses == {"kopi.txt": "indexed", "teh.txt": "removed", "catatan.xyz": "skipped"}

    index = Index(index_dir)
    new_ids = _chroma_ids(index, "kopi.txt")
    assert new_ids and not (new_ids & old_ids)
    assert _chroma_ids(index, "teh.txt") == set()
    assert "teh.txt" not in index.catalog.fingerprints()
    lexical = LexicalIndex.load(index_dir / "lexical")
    assert set(lexical.ids) == new_ids
    texts = " ".join(p.text for p in index.catalog.passages("kopi.txt"))
    assert "gula aren" in texts and "hitam pekat" not in texts


def test_one_unreadable_file_does_not_stop_the_others(tmp_path, embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write(corpus, "kopi.txt", "hitam")
    (corpus / "rusak.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<>>\nthis is not really a pdf")
    report = ingest([corpus], Index(tmp_path / "index"), embedder, progress=False)
    statuses = {r.source: r.status for r in report.results}
    assert statuses == {"kopi.txt": "indexed", "rusak.pdf": "failed"}
    assert "PDF" in report.failed[0].message


def test_telemetry_is_off(tmp_path):
    import tomllib

    from .conftest import ROOT

    assert Index(tmp_path / "index").client.get_settings().anonymized_telemetry is False
    streamlit_config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert streamlit_config["browser"]["gatherUsageStats"] is False
    assert streamlit_config["browser"]["serverAddress"]  # else Streamlit asks an outside service for the public IP


def test_interrupted_replace_is_redone_on_the_next_run(tmp_path, embedder):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    _write(corpus, "kopi.txt", "hitam")
    ingest([corpus], Index(index_dir), embedder, progress=False)
    # What a run killed inside replace_document leaves: entry marked pending, vectors gone,
    # lexical index not rebuilt.
    index = Index(index_dir)
    index._begin_change("kopi.txt")
    index.collection.delete(where={"source": "kopi.txt"})

    report = ingest([corpus], Index(index_dir), embedder, progress=False)
    assert {r.source: r.status for r in report.results} == {"kopi.txt": "indexed"}
    index = Index(index_dir)
    ids = {p.id for p in index.catalog.passages("kopi.txt")}
    assert ids and _chroma_ids(index, "kopi.txt") == ids
    assert not index.lexical_stale and set(LexicalIndex.load(index_dir / "lexical").ids) == ids


def _stored(index_dir: Path) -> dict:
    """Everything the index holds, as comparable values: catalog rows and Chroma ids, texts, metadata, vectors."""
    index = Index(index_dir)
    chroma = index.collection.get(include=["documents", "metadatas", "embeddings"])
    order = sorted(range(len(chroma["ids"])), key=lambda i: chroma["ids"][i])
    return {
        "documents": [(doc.to_dict(), count) for doc, count, _ in index.catalog.documents()],
        "passages": [asdict(p) for p in index.catalog.passages()],
        "fingerprints": index.catalog.fingerprints(),
        "chroma": [(chroma["ids"][i], chroma["documents"][i], chroma["metadatas"][i], chroma["embeddings"][i].tobytes()) for i in order],
    }


def test_a_copy_under_another_name_is_a_duplicate_and_changes_nothing(tmp_path, embedder):
    """Through the app's upload path and through the CLI: reported as `duplicate` before anything is written."""
    from assistant.config import load_settings
    from assistant.service import Assistant
    from assistant.uploads import add_document

    from .make_files import write_regulation_pdf
    from .test_cli import asisten

    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    original = write_regulation_pdf(corpus / "perbup-kopi.pdf", "kopi tubruk", pasal_count=4)
    ingest([corpus], Index(index_dir), embedder, progress=False)
    before = _stored(index_dir)

    assistant = Assistant(load_settings(index=index_dir, corpus=corpus), embedder=embedder)
    result = add_document(assistant, "salinan perbup kopi.pdf", original.read_bytes())
    assert (result.status, result.problem.code, result.problem.values) == ("skipped", "duplicate", {"original": "perbup-kopi.pdf"})
    assert sorted(p.name for p in corpus.iterdir()) == ["perbup-kopi.pdf"]  # the refused copy is not kept
    assert _stored(index_dir) == before

    uploads = tmp_path / "kiriman"
    uploads.mkdir()
    (uploads / "salinan-uu-kopi.pdf").write_bytes(original.read_bytes())
    cli = asisten("ingest", str(uploads), "--index", str(index_dir), "--quiet")
    assert cli.returncode == 0, cli.stderr  # skipped, not failed (README, exit codes)
    assert "LEWATI  salinan-uu-kopi.pdf: isinya sama persis dengan perbup-kopi.pdf" in cli.stdout
    assert "GAGAL" not in cli.stdout and "Traceback" not in cli.stderr
    assert _stored(index_dir) == before


def test_passage_ids_name_the_document_and_its_version(tmp_path, embedder):
    """Same bytes under two names never share an id; a re-processed file (edited sidecar) gets new ids."""
    from ingest.pipeline import fingerprint, parse_file

    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    kopi = _write(corpus, "kopi.txt", "hitam")
    twin = tmp_path / "kembar.txt"
    twin.write_bytes(kopi.read_bytes())
    content, version = fingerprint(kopi)
    ids = {p.id for p in parse_file("kopi.txt", kopi, content, version=version)[1]}
    assert ids and not ids & {p.id for p in parse_file("kembar.txt", twin, content, version=version)[1]}

    ingest([corpus], Index(index_dir), embedder, progress=False)
    old_ids = _chroma_ids(Index(index_dir), "kopi.txt")
    (corpus / "kopi.txt.meta.toml").write_text('tentang = "Kopi Tubruk Pilihan"\n', encoding="utf-8")
    report = ingest([corpus], Index(index_dir), embedder, progress=False)
    assert report.count("indexed") == 1 and report.embedded > 0  # the header changed, so the search text did
    index = Index(index_dir)
    passages = index.catalog.passages("kopi.txt")
    assert not {p.id for p in passages} & old_ids
    stored = index.collection.get(ids=[p.id for p in passages], include=["documents"])
    assert dict(zip(stored["ids"], stored["documents"])) == {p.id: p.search_text for p in passages}
    assert _chroma_ids(index, "kopi.txt") == {p.id for p in passages}
