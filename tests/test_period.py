"""A "kapan" question about an act is answered by the provision's time limit, a "berapa kali" question by the
recurrence it states, a "berapa lama" question by the length it states (assistant/ranking/period.py).

"Kapan" is a stopword, and the passages that repeat the question's words most describe the report, not
when it is due; the one that answers says "paling lambat 3 (tiga) bulan setelah ..."."""

from __future__ import annotations

import pytest

from assistant.anchors import anchors_of
from assistant.query import analyze
from ingest.legaltext import states_duration, states_frequency, states_time_limit

from .conftest import assistant_over_pdfs

LINES = [
    "BUPATI CONTOH",
    "PERATURAN BUPATI CONTOH NOMOR 4 TAHUN 2022",
    "TENTANG",
    "LAPORAN KINERJA PERANGKAT DAERAH",
    "Pasal 1",
    "Laporan kinerja perangkat daerah memuat capaian kinerja perangkat daerah, realisasi anggaran perangkat",
    "daerah, dan kendala kinerja perangkat daerah dalam satu tahun anggaran.",
    "Pasal 2",
    "Laporan kinerja perangkat daerah disusun oleh kepala perangkat daerah berdasarkan data kinerja perangkat",
    "daerah dan ditandatangani oleh kepala perangkat daerah.",
    "Pasal 3",
    "Laporan kinerja perangkat daerah diserahkan kepada Bupati dalam bentuk dokumen cetak dan dokumen",
    "elektronik melalui Sekretaris Daerah.",
    "Pasal 3A",
    "(1) Sekretaris Daerah menghimpun laporan dari setiap unit kerja.",
    "(2) Laporan sebagaimana dimaksud pada ayat (1) diterima paling lambat 3 (tiga) bulan setelah tahun",
    "anggaran berakhir.",
    "Pasal 3B",
    "(1) Inspektorat memeriksa laporan kinerja perangkat daerah.",
    "(2) Pemeriksaan sebagaimana dimaksud pada ayat (1) dilakukan paling sedikit 1 (satu) kali dalam 1 (satu)",
    "tahun.",
    "Pasal 4",
    "Format laporan kinerja perangkat daerah tercantum dalam Lampiran yang merupakan bagian tidak",
    "terpisahkan dari Peraturan Bupati ini.",
    "Pasal 5",
    "Peraturan Bupati ini mulai berlaku pada tanggal diundangkan.",
]


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    return assistant_over_pdfs(tmp_path_factory, embedder, {"perbup-contoh-4-2022-laporan-kinerja.pdf": [LINES]})


@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("disampaikan paling lambat 3 (tiga) bulan setelah tahun anggaran berakhir", True),
        ("diluncurkan paling lambat pada triwulan III tahun 2024", True),
        ("wajib dilaporkan paling lambat dalam waktu 2 (dua) kali 24 (dua puluh empat) jam", True),
        ("Arsitektur SPBE disusun untuk jangka waktu 5 (lima) tahun.", True),
        ("diumumkan selambat-lambatnya 30 (tiga puluh) hari kalender sebelum pekerjaan dimulai", True),  # older drafting
        ("Rapat paling lama dihadiri oleh anggota; laporan tahun lalu dibahas.", False),
        ("Laporan disampaikan setiap tahun.", False),
    ],
)
def test_a_time_limit_is_a_limit_word_with_its_length(text, states):
    assert states_time_limit(text) is states


@pytest.mark.parametrize(
    ("question", "period"),
    [
        ("Kapan laporan kinerja perangkat daerah harus diserahkan?", "time_limit"),
        ("Berapa batas waktu pengajuan keberatan?", "time_limit"),
        ("When must the performance report be submitted?", "time_limit"),
        ("Berapa kali laporan kinerja perangkat daerah diperiksa?", "frequency"),
        ("Seberapa sering rencana keberlangsungan kegiatan diuji?", "frequency"),
        ("Setiap berapa tahun Arsitektur SPBE ditinjau?", "frequency"),
        ("How often is the report audited?", "frequency"),
        ("Berapa lama masa jabatan kepala daerah?", None),  # a term of office, no obligation's limit
        ("Berapa jumlah perangkat daerah?", None),
        ("Kapan Peraturan Bupati Contoh 4/2022 ditetapkan?", None),  # the penutup's date answers it
        ("Kapan Peraturan Bupati Contoh 4/2022 mulai berlaku?", None),
        ("Apa isi laporan kinerja perangkat daerah?", None),
        ("Kapan SPBE Summit 2023 diselenggarakan?", None),  # an event's date, not an obligation's due date
    ],
)
def test_which_questions_ask_for_a_time_limit_or_a_frequency(question, period):
    intent = analyze(question)
    assert (intent.time_limit, intent.frequency) == (period == "time_limit", period == "frequency")


def test_the_provision_stating_the_time_limit_answers_a_kapan_question(assistant):
    answer = assistant.ask("Kapan laporan kinerja perangkat daerah harus diserahkan?")
    first = answer.hits[0]
    assert first.passage.pasal == "3A" and "time_limit" in first.ranks
    assert answer.found and "paling lambat 3 (tiga) bulan setelah tahun anggaran berakhir" in " ".join(answer.text.split())


def test_a_question_about_the_report_itself_is_not_pulled_to_the_time_limit(assistant):
    answer = assistant.ask("Apa saja yang dimuat laporan kinerja perangkat daerah?")
    assert answer.hits[0].passage.pasal == "1" and "time_limit" not in answer.hits[0].ranks


@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("diuji secara berkala paling sedikit 1 (satu) kali dalam 2 (dua) tahun", True),
        ("dievaluasi paling singkat 6 (enam) bulan sekali", True),
        ("ditinjau setiap 3 (tiga) tahun", True),
        ("Setiap tahun Badan Publik wajib mengumumkan layanan informasi", True),
        ("dua kali setahun", True),
        ("menyampaikan laporan kepada Presiden setahun sekali atau sewaktu-waktu", True),  # "se-": one
        ("rapat diadakan sekali sebulan", True),
        ("paling lama setahun sejak diundangkan", False),  # a length
        ("Setiap orang berhak memperoleh informasi.", False),
        ("wajib dilaporkan dalam waktu 2 (dua) kali 24 (dua puluh empat) jam", False),  # a limit, not a recurrence
    ],
)
def test_a_frequency_is_a_count_per_period_or_every_period(text, states):
    assert states_frequency(text) is states


def test_the_provision_stating_the_recurrence_answers_a_berapa_kali_question(assistant):
    answer = assistant.ask("Berapa kali laporan kinerja perangkat daerah diperiksa?")
    first = answer.hits[0]
    assert first.passage.pasal == "3B" and "frequency" in first.ranks
    assert answer.found and "1 (satu) kali dalam 1 (satu) tahun" in " ".join(answer.text.split())


@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("diterima paling lambat 3 (tiga) bulan setelah tahun anggaran berakhir", True),
        ("wajib dilaporkan dalam waktu 2 (dua) kali 24 (dua puluh empat) jam", True),
        ("masa jabatan selama 5 (lima) tahun", True),
        ("secara berkala setiap 3 (tiga) bulan", False),  # how often, not how long
        ("dilakukan paling sedikit 1 (satu) kali dalam 2 (dua) tahun", False),
        ("Peraturan Presiden Nomor 95 Tahun 2018", False),
        ("Rencana Induk Tahun 2019-2024", False),
    ],
)
def test_a_length_of_time_is_a_figure_in_a_unit_of_time(text, states):
    assert states_duration(text) is states


def test_a_berapa_lama_question_is_answered_by_the_provision_stating_a_length(assistant):
    intent = analyze("Berapa lama laporan unit kerja diterima Sekretaris Daerah setelah tahun anggaran berakhir?")
    assert intent.length and not intent.time_limit
    assert not analyze("Berapa lama masa jabatan anggota, dan siapa yang mengangkatnya?").length  # each ask is ranked for itself
    answer = assistant.ask("Berapa lama laporan unit kerja diterima Sekretaris Daerah setelah tahun anggaran berakhir?")
    assert answer.hits[0].passage.pasal == "3A" and "length" in answer.hits[0].ranks
    assert answer.found and "paling lambat 3 (tiga) bulan" in " ".join(answer.text.split()), answer.text


@pytest.mark.parametrize(
    ("question", "acts"),
    [
        ("Kapan gedung kantor Dinas Kepemudaan dan Olahraga dibangun?", ("dibangun",)),
        ("Kapan Menteri memberhentikan bupati?", ("memberhentikan",)),
        ("Kapan laporan harus disampaikan?", ()),  # "sampai" is a stopword: nothing to require
        ("Apa tugas dinas yang dibentuk?", ()),  # not a "kapan" question
        ("When was the office built?", ()),
    ],
)
def test_the_act_a_kapan_question_asks_about(question, acts):
    assert anchors_of(question).acts == acts


def test_a_kapan_question_about_an_act_no_passage_names_is_refused(assistant):
    answer = assistant.ask("Kapan laporan kinerja perangkat daerah dibahas?")
    assert not answer.found and "tidak menyebut: dibahas" in answer.text
    assert assistant.ask("Kapan laporan kinerja perangkat daerah diserahkan?").found
