"""Regulation intelligence on real corpus documents: citations, glossary, obligations, relations, tags.

Extraction tests parse single corpus files (no embedding); answer tests use the session's small
real index (UU 14/2008 + the research article) and a small index of fictional amendment fixtures.
"""

from __future__ import annotations

import csv
import io
import json
from functools import lru_cache
from pathlib import Path

import pytest

from assistant.lookup import ayat_text
from assistant.presentation import place_label
from assistant.retrieval import Filters
from ingest.citations import DocumentRef, document_refs, provision_refs
from ingest.glossary import matching
from ingest.legaltext import parse_definition
from ingest.model import Document
from ingest.obligations import extract_obligations
from ingest.pipeline import parse_file
from ingest.tagging import explain, tag_text

from .conftest import CORPUS, ROOT
from .test_cli import asisten

FIXTURES = ROOT / "tests" / "fixtures" / "amendments"


@lru_cache(maxsize=None)
def parsed(name: str, folder: Path = CORPUS):
    return parse_file(name, folder / name, "")


# --- citations ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Pasal 5 ayat (2) UU 14/2008", "UU No. 14 Tahun 2008"),
        ("Undang-Undang Nomor 14 Tahun 2008", "UU No. 14 Tahun 2008"),
        ("uu No.14/2008", "UU No. 14 Tahun 2008"),
        ("isi pasal 7 perbup pakpak bharat 34 tahun 2019", "Perbup Pakpak Bharat No. 34 Tahun 2019"),
        ("Permenpan RB No. 59 Tahun 2020 Pasal 3", "Permen PANRB No. 59 Tahun 2020"),
        ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 5 Tahun 2018", "Permen PANRB No. 5 Tahun 2018"),
        ("Peraturan Walikota Malang 12/2021", "Perwal Malang No. 12 Tahun 2021"),
        ("Pergub Jatim No. 3 Tahun 2020", "Pergub Jatim No. 3 Tahun 2020"),
        ("Permendagri 86/2017", "Permen Dalam Negeri No. 86 Tahun 2017"),
        ("PP No. 71 Tahun 2019", "PP No. 71 Tahun 2019"),
    ],
)
def test_regulation_citation_forms(text, label):
    refs = document_refs(text)
    assert [ref.label() for ref, _ in refs] == [label]


def test_issuer_tells_same_numbered_regulations_apart():
    pakpak = Document("p.pdf", "Perbup", jenis="Peraturan Bupati", nomor="34", tahun=2019, daerah="Kabupaten Pakpak Bharat")
    panrb = Document("m.pdf", "Permen", jenis="Peraturan Menteri", nomor="59", tahun=2020, instansi="Menteri PANRB")
    assert document_refs("Perbup Pakpak Bharat 34/2019")[0][0].matches(pakpak)
    assert not document_refs("Perbup Blitar 34/2019")[0][0].matches(pakpak)
    assert document_refs("Permenpan RB 59/2020")[0][0].matches(panrb)
    assert not document_refs("Permendagri 59/2020")[0][0].matches(panrb)
    assert DocumentRef("Peraturan Bupati", "34", 2019).matches(pakpak)  # no issuer written: any region


def test_own_mentions_are_not_citations():
    assert document_refs("Peraturan Bupati ini mulai berlaku 5 tahun 2020") == []


def test_provision_references_in_drafting_forms():
    text = (
        "(3) Pemeriksaan sebagaimana dimaksud pada ayat (2) huruf b dan ayat (1) tercantum dalam Lampiran II "
        "serta sesuai dengan Pasal 6 Undang-Undang Nomor 11 Tahun 2008. Pasal 9 mengatur hal lain."
    )
    refs = provision_refs(text)
    assert [(r.pasal, r.ayat, r.huruf, r.lampiran) for r in refs] == [
        (None, "2", "b", None),
        (None, "1", None, None),
        (None, None, None, "II"),
        ("6", None, None, None),
    ]
    assert refs[-1].document == DocumentRef("Undang-Undang", "11", 2008)


# --- glossary ------------------------------------------------------------------------------------

def test_glossary_of_uu_14_2008_is_its_pasal_1():
    _, _, extracts = parsed("uu-14-2008-keterbukaan-informasi-publik.pdf")
    terms = [d.term for d in extracts.definitions]
    assert len(terms) == 12 and terms[:3] == ["Informasi", "Informasi Publik", "Badan Publik"]
    badan = matching(extracts.definitions, "badan  publik")[0]
    assert (badan.pasal, badan.angka) == ("1", "3")
    assert badan.definition.startswith("Badan Publik adalah lembaga eksekutif, legislatif, yudikatif")
    assert badan.passage_id and badan.page == 2


def test_glossary_reads_aliases_and_run_together_items():
    _, _, perpres = parsed("perpres-95-2018-spbe.marker.md")
    spbe = matching(perpres.definitions, "SPBE")
    assert len(spbe) == 1 and spbe[0].term == "Sistem Pemerintahan Berbasis Elektronik" and spbe[0].angka == "1"
    assert len(perpres.definitions) == 28
    _, _, pp38 = parsed("pp-38-2017-inovasi-daerah.md")  # items 1-5 run together on one line in this source
    assert [d.term for d in pp38.definitions] == ["Inovasi Daerah", "Pemerintahan Daerah", "Urusan Pemerintahan", "Pelayanan Publik", "Peraturan Daerah"]
    _, _, uu25 = parsed("uu-25-2009-pelayanan-publik.md")  # numbered "(1)", "(2)" in this source
    assert matching(uu25.definitions, "Penyelenggara")[0].term == "Penyelenggara pelayanan publik"


def test_definition_items_are_told_from_other_items():
    assert parse_definition("Daerah adalah Kabupaten Contoh.") == ("Daerah", None)
    assert parse_definition("Forum Koordinasi Pimpinan di Daerah yang selanjutnya disebut Forkopimda adalah forum") == (
        "Forum Koordinasi Pimpinan di Daerah",
        "Forkopimda",
    )
    assert parse_definition("menyusun rencana kerja dan anggaran") is None


# --- obligations ---------------------------------------------------------------------------------

def test_obligations_of_uu_14_2008_name_actor_and_pasal():
    _, passages, extracts = parsed("uu-14-2008-keterbukaan-informasi-publik.pdf")
    assert extracts.obligations == extract_obligations(passages)
    pasal_7 = [o for o in extracts.obligations if o.pasal == "7" and o.ayat == "2"]
    assert pasal_7 and pasal_7[0].actor == "Badan Publik" and pasal_7[0].modality == "wajib"
    assert pasal_7[0].text.startswith("(2) Badan Publik wajib menyediakan Informasi Publik yang akurat")
    assert sum(o.actor == "Badan Publik" for o in extracts.obligations) >= 10
    assert not any(o.pasal == "1" for o in extracts.obligations)  # "... yang bertugas" in a definition is no norm


def test_obligations_of_a_sotk_perbup():
    _, _, extracts = parsed("perbup-blitar-116-2022-sotk-dinas-kepemudaan-olahraga.pdf")
    by_pasal = {(o.pasal, o.ayat): o for o in extracts.obligations}
    assert (by_pasal[("4", "1")].actor, by_pasal[("4", "1")].modality) == ("Dinas", "bertugas")
    assert by_pasal[("2", "2")].actor == "Kepala Dinas"  # "Dinas dipimpin oleh Kepala Dinas yang ... bertanggung jawab"
    assert "Kelompok Jabatan Fungsional" in by_pasal[("13", "1")].actor and "Kepala Dinas" in by_pasal[("13", "1")].actor


# --- relations -----------------------------------------------------------------------------------

def _relations(name: str, folder: Path = CORPUS):
    return [(r.kind, r.newer_ref().label(), r.older_ref().label(), place_label(r.location)) for r in parsed(name, folder)[2].relations]


def test_revocations_stated_in_the_corpus():
    assert ("mencabut", "Permen PANRB No. 59 Tahun 2020", "Permen PANRB No. 5 Tahun 2018", "Pasal 11") in _relations(
        "permenpanrb-59-2020-pemantauan-evaluasi-spbe.pdf"
    )
    uu23 = _relations("uu-23-2014-pemerintahan-daerah.md")
    assert ("mencabut", "UU No. 23 Tahun 2014", "UU No. 32 Tahun 2004", "Pasal 409") in uu23
    assert ("mencabut_sebagian", "UU No. 23 Tahun 2014", "UU No. 17 Tahun 2014", "Pasal 409") in uu23
    assert ("mencabut", "Pedoman PANRB No. 3 Tahun 2024", "Pedoman PANRB No. 6 Tahun 2023", "BAB V PENUTUP") in _relations(
        "pedoman-menpanrb-3-2024.pdf"
    )


def test_amendment_body_lists_changed_pasal():
    relations = parsed("perbup-contoh-2-2021-perubahan-pengelolaan-data.md", FIXTURES)[2].relations
    assert len(relations) == 1
    assert (relations[0].kind, relations[0].older_ref().label(), relations[0].provisions) == (
        "mengubah",
        "Perbup Contoh No. 1 Tahun 2020",
        ["2", "3A"],
    )


# --- tags ----------------------------------------------------------------------------------------

def test_tagging_is_explained_by_lexicon_terms():
    text = "Dinas Lingkungan Hidup mengelola sampah dan ruang terbuka hijau."
    assert "smart_environment" in tag_text(text)
    score, terms = explain(text)["smart_environment"]
    assert score >= 3 and {"lingkungan hidup", "sampah", "ruang terbuka hijau"} <= {term for term, _, _ in terms}
    assert tag_text("Pasal ini mulai berlaku pada tanggal diundangkan.") == []


def test_passages_carry_tags_from_ingest():
    _, passages, _ = parsed("uu-14-2008-keterbukaan-informasi-publik.pdf")
    assert sum("smart_governance" in p.tags for p in passages) >= 10


# --- answers on the small real index --------------------------------------------------------------

def test_named_pasal_and_ayat_come_first_with_full_text(small_assistant):
    answer = small_assistant.ask("Pasal 5 ayat (2) UU 14/2008")
    top = answer.hits[0].passage
    assert (top.source, top.pasal) == ("uu-14-2008-keterbukaan-informasi-publik.pdf", "5")
    assert answer.found and "“(2) Pengguna Informasi Publik wajib mencantumkan" in answer.text
    assert "Isi lengkap Pasal 5" in answer.text and "(1) Pengguna Informasi Publik wajib menggunakan" in answer.text
    assert ayat_text(top.text, "2").startswith("(2) Pengguna Informasi Publik wajib mencantumkan")


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("Apa bunyi Pasal 99 UU Nomor 14 Tahun 2008?", "tidak memuat Pasal 99"),
        ("Pasal 5 ayat (9) UU No.14/2008", "Pasal 5 ayat (9) tidak ditemukan"),
        ("isi pasal 7 perbup pakpak bharat 34 tahun 2019", "Perbup Pakpak Bharat No. 34 Tahun 2019 tidak ada dalam indeks"),
    ],
)
def test_absent_provision_or_document_is_said(small_assistant, question, message):
    answer = small_assistant.ask(question)
    assert not answer.found and message in answer.text


def test_definition_question_puts_definition_first(small_assistant):
    for question in ("Apa yang dimaksud dengan Pemohon Informasi Publik?", "pengertian pemohon informasi publik"):
        answer = small_assistant.ask(question)
        assert answer.hits[0].passage.pasal == "1"
        assert "Pasal 1 angka 12: “Pemohon Informasi Publik adalah warga negara" in answer.text


def test_dimension_filter_keeps_only_tagged_passages(small_assistant):
    hits = small_assistant.ask("informasi publik", filters=Filters(dimension=("smart_governance",))).hits
    assert hits and all("smart_governance" in hit.passage.tags for hit in hits)


def test_document_and_dimension_filters_combine(small_assistant):
    retriever = small_assistant.retriever
    corpus = retriever.corpus
    tagged = [p for p in corpus.passages(corpus.ids()) if "smart_governance" in p.tags]
    jenis = corpus.documents[tagged[0].source].jenis
    admitted = {p.id for p in tagged if corpus.documents[p.source].jenis == jenis}
    hits = retriever.search("informasi publik", 50, Filters(jenis=(jenis,), dimension=("smart_governance",)))
    assert hits and {hit.passage.id for hit in hits} <= admitted
    assert len(hits) == min(50, len(admitted))  # every admitted passage can be returned, none other


def test_glossary_and_obligations_cli(small_index):
    result = asisten("glossary", "--index", str(small_index), "Badan", "Publik")
    assert result.returncode == 0, result.stderr
    assert "Pasal 1 angka 3" in result.stdout and "Badan Publik adalah lembaga eksekutif" in result.stdout
    listed = json.loads(asisten("glossary", "--index", str(small_index), "--json").stdout)
    assert len(listed) == 12 and {"term", "definition", "citation"} <= set(listed[0])
    missing = asisten("glossary", "--index", str(small_index), "Dimensi Cerdas")
    assert missing.returncode == 1 and "tidak didefinisikan" in missing.stdout
    result = asisten("obligations", "--index", str(small_index), "--actor", "badan publik", "--csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) >= 10 and all("badan publik" in row["pelaku"].lower() for row in rows)
    assert any(row["pasal"] == "7" and row["modalitas"] == "wajib" for row in rows)


# --- amendments and cross-references on a fixture index ------------------------------------------

@pytest.fixture(scope="module")
def amendment_assistant(tmp_path_factory, embedder):
    from assistant.config import load_settings
    from assistant.service import Assistant
    from ingest.index import Index
    from ingest.pipeline import ingest

    index_dir = tmp_path_factory.mktemp("amend-index")
    report = ingest([FIXTURES], Index(index_dir), embedder, progress=False)
    assert report.count("indexed") == 3, report.results
    return Assistant(load_settings(index=index_dir), embedder=embedder)


def test_answer_from_amended_and_revoked_regulation_warns(amendment_assistant):
    answer = amendment_assistant.ask("Pasal 2 Perbup Contoh 1/2020")
    assert answer.found and answer.hits[0].passage.source == "perbup-contoh-1-2020-pengelolaan-data.md"
    assert "telah dicabut oleh Perbup Kab. Contoh No. 3 Tahun 2023 (Pasal 2)" in answer.text
    assert "telah diubah dengan Perbup Kab. Contoh No. 2 Tahun 2021" in answer.text and "Pasal yang diubah: 2, 3A" in answer.text
    kinds = {notice["kind"] for notice in answer.hits[0].notices}
    assert kinds == {"mencabut", "mengubah"}


def test_cross_references_resolve_to_the_cited_ayat(amendment_assistant):
    corpus = amendment_assistant.retriever.corpus
    pasal_3 = next(p for p in corpus.passages(corpus.ids()) if p.source.startswith("perbup-contoh-1") and p.pasal == "3")
    refs = corpus.references(pasal_3)
    assert refs[0]["text"] == "Pasal 2 ayat (1)"
    assert refs[0]["resolved"]["location"] == "Pasal 2"
    assert refs[0]["resolved"]["text"].startswith("(1) Walidata wajib memeriksa kesesuaian data")


def test_json_carries_warnings_and_references(amendment_assistant):
    from assistant.service import answer_json

    answer = amendment_assistant.ask("Pasal 3 Perbup Contoh Nomor 1 Tahun 2020")
    data = answer_json(answer, amendment_assistant.retriever.corpus)
    first = data["citations"][0]
    assert first["warnings"] and first["references"][0]["resolved"]["source"] == "perbup-contoh-1-2020-pengelolaan-data.md"


# --- the intel question set and the tagging sample cannot rot -------------------------------------

GOLD_INTEL = ROOT / "evaluations" / "gold_intel.jsonl"


def test_intel_gold_evidence_occurs_in_sources():
    from assistant.evaluation import load_questions
    from ingest.chunking import letters_and_digits

    from .test_gold import extracted

    questions = load_questions(GOLD_INTEL)
    assert len(questions) >= 60 and len({q.id for q in questions}) == len(questions)
    assert sum(q.kind == "lookup_pasal" for q in questions) >= 20 and sum(q.kind == "definisi" for q in questions) >= 25
    for q in questions:
        for needle in q.must_contain:
            assert letters_and_digits(needle) in extracted(q.source), f"{q.id}: {needle!r} not in {q.source}"


def test_tagging_sample_is_labelled_with_known_tags():
    from ingest.tagging import TAG_LABELS

    rows = [json.loads(line) for line in (ROOT / "evaluations" / "dimension_sample.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 100 and {row["split"] for row in rows} == {"tuning", "heldout"}
    assert all(set(row["labels"]) <= set(TAG_LABELS) and row["text"] for row in rows)


# --- UI pages ------------------------------------------------------------------------------------

def _page_app(page: str, index: str, language: str = "id") -> None:
    """Runs inside Streamlit's AppTest: one UI page rendered for a real assistant, in the session's language."""
    import importlib
    from pathlib import Path

    import streamlit as st

    from assistant.config import load_settings
    from assistant.service import Assistant

    st.session_state["language"] = language
    importlib.import_module(f"ui.{page}").render(Assistant(load_settings(index=Path(index))))


def test_glossary_page_finds_a_term(small_index):
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_function(_page_app, args=("glossary", str(small_index)), default_timeout=300).run()
    assert not app.exception
    app.text_input(key="glossary_term").input("Badan Publik").run()
    assert not app.exception
    assert any("Badan Publik adalah lembaga eksekutif" in m.value for m in app.markdown)


def test_obligations_page_filters_by_actor(small_index):
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_function(_page_app, args=("obligations", str(small_index)), default_timeout=300).run()
    assert not app.exception
    actors = list(app.dataframe[0].value["pelaku"])
    # "(3) Daftar calon anggota Komisi Informasi wajib diumumkan kepada masyarakat." names no actor
    assert "tidak disebut" in actors and all(actors)
    app.text_input(key="obligations_actor").input("Komisi Informasi").run()
    assert not app.exception
    table = app.dataframe[0].value
    assert len(table) >= 3 and all("komisi informasi" in actor.lower() for actor in table["pelaku"])


def test_obligations_page_shows_the_norm_first_and_wide_in_the_chosen_language(small_index):
    """The norm sentence is what a reader scans for: first and wide, not off-screen right of the grid; an actor
    the sentence does not name says so; the filters' placeholders are the app's words, not Streamlit's."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_function(_page_app, args=("obligations", str(small_index), "en"), default_timeout=300).run()
    assert not app.exception
    grid = app.dataframe[0]
    assert list(grid.proto.column_order)[:2] == ["teks", "pelaku"]
    columns = json.loads(grid.proto.columns)
    assert columns["teks"]["label"] == "Norm sentence" and columns["teks"]["width"] == "large"
    assert columns["pelaku"]["label"] == "Actor" and "berkas" not in grid.proto.column_order
    from assistant.registers import Registers
    from ingest.index import Index

    unnamed = sum(not o.actor for o in Registers.load(Index(small_index).catalog).obligations)
    assert list(grid.value["pelaku"]).count("not stated") == unnamed and all(grid.value["pelaku"])
    assert {m.placeholder for m in app.multiselect} == {"Choose one or more"}


def _dimension_app() -> None:
    import streamlit as st

    from ui.dimensions import dimension_filter

    st.write(",".join(dimension_filter()))


def test_dimension_filter_control_returns_tag_names():
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_function(_dimension_app).run()
    app.sidebar.multiselect(key="dimension_filter").select("smart_environment").select("spbe_layanan").run()
    assert not app.exception
    assert app.markdown[-1].value == "smart_environment,spbe_layanan"


def test_status_question_names_the_revoking_regulation(amendment_assistant):
    answer = amendment_assistant.ask("Apakah Perbup Contoh Nomor 2 Tahun 2021 masih berlaku?")
    assert answer.text.startswith("⚠ Perhatian: Perbup Kab. Contoh No. 2 Tahun 2021 telah dicabut oleh Perbup Kab. Contoh No. 3 Tahun 2023 (Pasal 2).")


def test_a_pasal_inside_a_numbering_gap_is_not_declared_absent():
    from assistant.answer import _lacking_line

    perpres = Document("p.md", "Perpres", jenis="Peraturan Presiden", nomor="95", tahun=2018)
    assert "tidak ditemukan dalam teksnya yang terbaca" in _lacking_line((perpres, "Pasal 2", ["1", "3", "4"]), "id")
    assert "tidak memuat Pasal 9 (Pasal yang ada: 1, 3–4)" in _lacking_line((perpres, "Pasal 9", ["1", "3", "4"]), "id")
