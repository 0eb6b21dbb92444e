"""A place a question names is found in the document's own region and under a province's short name:
a province office's leaflet says "Komisi Informasi Provinsi" and never which province, and a question
says "Provinsi Kalbar" where the documents print "Kalimantan Barat"."""

from __future__ import annotations

import pytest

from assistant.anchors import anchors_of, missing
from assistant.expansion import provinces_spelled_out
from assistant.quotes import units

from .conftest import assistant_over_pdfs

LEAFLET = [
    "TAHAP 2",
    "Pengajuan sengketa informasi publik ke Komisi Informasi Provinsi",
    "diajukan dalam waktu 14 (empat belas) hari kerja setelah",
    "diterimanya tanggapan tertulis atasan PPID yang tidak memuaskan",
    "Pemohon Informasi Publik",
    "Komisi Informasi Provinsi menyelesaikan sengketa melalui mediasi",
    "paling lambat 100 (seratus) hari kerja.",
]


def test_a_province_short_name_is_written_out():
    assert provinces_spelled_out("Dinas Kominfo Provinsi Kalbar dan Prov. JATIM") == "Dinas Kominfo Provinsi kalimantan barat dan Prov. jawa timur"
    assert provinces_spelled_out("Kalbarat, kalsel") == "Kalbarat, kalimantan selatan"  # whole words only


def test_a_place_asked_by_its_short_name_is_found_written_out_and_the_other_way():
    short = anchors_of("Berapa anggaran Diskominfo Provinsi Kalbar tahun 2024?")
    assert short.places == ("provinsi kalimantan barat",)
    full = anchors_of("Berapa anggaran Dinas Kominfo Provinsi Jawa Timur tahun 2024?")
    passage = "Anggaran Dinas Kominfo Prov. Jatim tahun 2024 sebesar Rp2.000.000.000,00."
    assert missing(full, passage, units(passage)) == []
    assert missing(short, passage, units(passage)) == ["Provinsi Kalimantan Barat"]


@pytest.fixture(scope="module")
def leaflet_assistant(tmp_path_factory, embedder):
    meta = 'title = "Tata Cara Penyelesaian Sengketa ke Komisi Informasi Provinsi"\njenis = "Tata Cara"\ndaerah = "Provinsi Kalimantan Barat"\n'
    return assistant_over_pdfs(tmp_path_factory, embedder, {"tata-cara-sengketa.pdf": [LEAFLET]}, {"tata-cara-sengketa.pdf": meta})


@pytest.mark.parametrize("province", ["Kalimantan Barat", "Kalbar"])
def test_a_document_of_the_region_asked_answers_though_its_text_never_names_it(leaflet_assistant, province):
    answer = leaflet_assistant.ask(
        f"Berapa hari kerja batas waktu mengajukan sengketa ke Komisi Informasi Provinsi {province} setelah tanggapan atasan PPID tidak memuaskan?"
    )
    assert answer.found, answer.text
    assert "14 (empat belas) hari kerja" in answer.text


def test_a_document_of_another_region_does_not_answer_for_the_region_asked(leaflet_assistant):
    answer = leaflet_assistant.ask(
        "Berapa hari kerja batas waktu mengajukan sengketa ke Komisi Informasi Provinsi Jawa Timur setelah tanggapan atasan PPID tidak memuaskan?"
    )
    assert not answer.found, answer.text
    assert "Provinsi Jawa Timur" in answer.text
