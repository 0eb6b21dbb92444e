"""A question joining two asks ("Berapa lama … dan siapa …?") whose answers stand in different Pasal: each
ask is searched and quoted for itself (assistant/query.asks_of, retrieval.with_asks, answer._ask_quotes),
since the Pasal answering the second ask seldom ranks high for the question as a whole."""

from __future__ import annotations

import pytest

from assistant.anchors import anchors_of
from assistant.evaluation import GoldQuestion, facts_rank
from assistant.query import MAX_ASKS, asks_of
from assistant.retrieval import Hit, with_asks
from ingest.messages import t
from ingest.model import Document, Passage

from .conftest import assistant_over_pdfs

TEAM = "Tim Koordinasi Kearsipan Daerah"
LINES = [
    "BUPATI CONTOH",
    "PERATURAN BUPATI CONTOH NOMOR 12 TAHUN 2023",
    "TENTANG",
    "TIM KOORDINASI KEARSIPAN DAERAH",
    "Pasal 1",
    f"{TEAM} dibentuk untuk mengoordinasikan penyelenggaraan kearsipan di lingkungan Pemerintah Daerah.",
    "Pasal 2",
    f"Masa tugas {TEAM} adalah 3 (tiga) tahun terhitung sejak ditetapkan.",
    "Pasal 3",
    f"{TEAM} melaporkan pelaksanaan tugas koordinasi kearsipan kepada Bupati setiap 6 (enam) bulan.",
    "Pasal 4",
    f"Keanggotaan {TEAM} terdiri atas kepala Perangkat Daerah yang membidangi kearsipan dan tata usaha.",
    "Pasal 5",
    f"Dalam melaksanakan tugasnya, {TEAM} dapat membentuk kelompok kerja kearsipan daerah.",
    "Pasal 6",
    f"Rapat {TEAM} diselenggarakan paling sedikit 2 (dua) kali dalam 1 (satu) tahun.",
    "Pasal 7",
    f"Masa tugas {TEAM} dapat diperpanjang satu kali oleh Bupati atas usul Sekretaris Daerah.",
    "Pasal 8",
    f"Anggota {TEAM} yang berakhir masa tugasnya menyerahkan arsip hasil kerja tim kepada Dinas Kearsipan.",
    "Pasal 9",
    f"Sekretariat {TEAM} berkedudukan di Dinas Kearsipan dan mengelola arsip tim selama masa tugas.",
    "Pasal 10",
    "Biaya pemusnahan arsip dibebankan pada anggaran pendapatan dan belanja daerah.",
    "Pasal 11",
    "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan.",
]
QUESTION = f"Berapa lama masa tugas {TEAM}, dan dari mana biaya pemusnahan arsip dibebankan?"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    return assistant_over_pdfs(tmp_path_factory, embedder, {"perbup-contoh-12-2023-tim-kearsipan.pdf": [LINES]})


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        (
            "Berapa lama masa jabatan kepala daerah dan siapa yang melantik bupati?",
            ("Berapa lama masa jabatan kepala daerah", "siapa yang melantik bupati"),
        ),
        # A leading clause with no question word belongs to the ask after it; later asks carry the regulation.
        (
            "Menurut UU 14/2008, kapan keberatan diajukan, lalu berapa lama atasan PPID menanggapi keberatan?",
            ("Menurut UU 14/2008, kapan keberatan diajukan", "berapa lama atasan PPID menanggapi keberatan UU 14/2008"),
        ),
        # An ask pointing back ("predikatnya") is searched with the first ask's words (not its question) and year.
        (
            "Berapa indeks SPBE Kabupaten Situbondo pada Evaluasi SPBE 2023 dan apa predikatnya?",
            ("Berapa indeks SPBE Kabupaten Situbondo pada Evaluasi SPBE 2023", "apa predikatnya indeks SPBE Kabupaten Situbondo pada Evaluasi SPBE 2023"),
        ),
        ("What was the national SPBE index in 2024, and what was the target?", ("What was the national SPBE index in 2024", "what was the target 2024")),
        # The question word may come a few words into the ask.
        (
            "Seberapa sering rencana keberlangsungan kegiatan diuji, dan Perbup pokok mana yang dicabut?",
            ("Seberapa sering rencana keberlangsungan kegiatan diuji", "Perbup pokok mana yang dicabut"),
        ),
        # A request lists the things it wants: each phrase is an ask.
        (
            "Menurut UU 25/2009, sebutkan kewajiban penyelenggara serta hak masyarakat dalam pelayanan publik.",
            ("Menurut UU 25/2009, sebutkan kewajiban penyelenggara", "Menurut UU 25/2009, sebutkan hak masyarakat dalam pelayanan publik."),
        ),
        ("Sebutkan asas keadilan, kepastian, dan kemanfaatan.", ()),  # single words: one list
        ("Sebutkan tugas Dinas Kepemudaan dan Olahraga Kabupaten Blitar", ()),  # "dan" inside a name
        # An ask pointing back takes the words of the ask before it; a regulation's year stays in its name.
        (
            "Menurut SE MenPANRB 18/2022, kapan peta rencana SPBE ditetapkan? Peta rencana itu terdiri atas berapa muatan?",
            (
                "Menurut SE MenPANRB 18/2022, kapan peta rencana SPBE ditetapkan",
                "Peta rencana itu terdiri atas berapa muatan Menurut SE MenPANRB 18/2022, peta rencana SPBE ditetapkan",
            ),
        ),
        # " / " and " & " join asks; a clause without a question word keeps its own words ("arsitektur dan peta").
        (
            "Arsitektur dan peta rencana SPBE ditetapkan oleh siapa / tim asesor eksternal oleh siapa?",
            ("Arsitektur dan peta rencana SPBE ditetapkan oleh siapa", "tim asesor eksternal oleh siapa"),
        ),
        ("Apa saja hak dan kewajiban pemohon informasi?", ()),  # one ask about two things
        ("Tingkat kematangan layanan SPBE ada berapa dan apa saja?", ()),  # "apa saja" alone asks nothing new
        ("Apa beda Aplikasi Umum dan Aplikasi Khusus?", ()),  # a comparison has its own reading
        ("Siapa yang mengangkat dan memberhentikan Kepala Dinas?", ()),
        # Places named side by side: one ask per place.
        (
            "Berapa indeks SPBE Kabupaten Blitar, Kabupaten Malang, dan Kota Blitar tahun 2024?",
            ("Berapa indeks SPBE Kabupaten Blitar tahun 2024", "Berapa indeks SPBE Kabupaten Malang tahun 2024", "Berapa indeks SPBE Kota Blitar tahun 2024"),
        ),
        ("Desa mana saja yang blank spot di Kecamatan Wonotirto, Kabupaten Blitar?", ()),  # where one place lies
    ],
)
def test_the_asks_of_a_question(question, asks):
    assert tuple(search for _, search in asks_of(question)) == asks


def test_each_ask_is_found_and_quoted(assistant):
    answer = assistant.ask(QUESTION)
    top = [hit.passage.pasal for hit in answer.hits[:3]]
    assert "2" in top and "10" in top, top
    text = " ".join(answer.text.split())
    assert answer.found and "3 (tiga) tahun" in text and "anggaran pendapatan dan belanja daerah" in text


def test_a_question_of_many_asks_is_searched_as_a_whole():
    """Each ask costs a search: a pasted list of questions is not split into dozens."""
    question = ", dan ".join(f"siapa yang menetapkan dokumen nomor {n}" for n in range(MAX_ASKS + 1))
    assert asks_of(question) == ()
    assert len(asks_of(", dan ".join(f"siapa yang menetapkan dokumen nomor {n}" for n in range(MAX_ASKS)))) == MAX_ASKS


def test_an_ask_pointing_back_takes_the_first_asks_words_and_is_searched_with_its_year():
    """It borrows what the first ask is about, not its year or its question: "apa predikatnya" asks for no figure."""
    (first, _), (written, searched) = asks_of("Berapa indeks SPBE Kabupaten Situbondo pada Evaluasi SPBE 2023 dan apa predikatnya?")
    assert written == "apa predikatnya indeks SPBE Kabupaten Situbondo pada Evaluasi SPBE"
    assert searched == f"{written} 2023"
    _, (written, _) = asks_of("Permenpan RB 59/2020 mulai berlaku sejak tanggal berapa? Terus anggota tim itu boleh dari unsur apa?")
    assert anchors_of(written).kind is None, written


def test_an_ask_the_documents_do_not_answer_is_named(assistant):
    ask = "berapa honorarium ketua tim yang ditetapkan gubernur"
    answer = assistant.ask(f"Berapa lama masa tugas {TEAM}, dan {ask}?")
    text = " ".join(answer.text.split())
    assert answer.found and "3 (tiga) tahun" in text
    assert t("ask_not_found", "id", ask=ask) in text


def test_one_ask_alone_is_unchanged(assistant):
    """A question with one ask is searched once: no passage is brought forward for an ask."""
    answer = assistant.ask(f"Berapa lama masa tugas {TEAM}?")
    assert answer.found and not any("ask" in hit.ranks for hit in answer.hits)


def test_facts_rank_is_where_the_last_fact_is_found():
    question = GoldQuestion("m1", "…", "a.pdf", ["alpha"], facts=("alpha", "gamma"))
    passages = [("a.pdf", "alpha beta"), ("b.pdf", "gamma"), ("a.pdf", "gamma delta")]
    assert facts_rank(question, passages) == 3  # the other document's "gamma" does not count
    assert facts_rank(question, passages[:2]) is None


def _hits(*ids: str) -> list[Hit]:
    document = Document("a.pdf", "Peraturan Contoh")
    return [Hit(Passage(pid, "a.pdf", f"teks {pid}", ""), document, 1.0 / n, ranks={"hybrid": n}) for n, pid in enumerate(ids, 1)]


def test_an_asks_best_passage_comes_right_after_the_first():
    whole = _hits("p1", "p2", "p3", "p4", "p5")
    ranked = with_asks(whole, [_hits("p2"), _hits("p5"), _hits("p9")], k=5)
    # p2 is already among the passages the answer reads; p5 and p9 (not retrieved for the whole) move up.
    assert [hit.passage.id for hit in ranked] == ["p1", "p5", "p9", "p2", "p3"]
    assert [hit.ranks.get("ask") for hit in ranked] == [None, 2, 3, None, None]
