"""The legal-text rules (ingest/legaltext.py) on sentences copied from the bundled corpus.

Each literal below is a sentence of a file in corpus/ (the file is named above it), so the rules are
pinned on how the documents are really written, OCR slips included.
"""

from __future__ import annotations

import pytest

from ingest.legaltext import (
    defines,
    find_norm,
    inline_ayat,
    is_cross_reference,
    is_list_item,
    is_record,
    leading_label,
    norm_actor,
    parse_definition,
    split_ayat,
    split_items,
    split_sentences,
    without_label,
)

# --- sentences -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # laporan-evaluasi-spbe-2024-kemenpanrb.marker.md
        "Sesuai dengan amanat Pasal 9 Peraturan Menteri PANRB No. 59 Tahun 2020, pelaksanaan Evaluasi Sistem "
        "Pemerintahan Berbasis Elektronik di tahun 2024 dilaksanakan dengan mengacu kepada tata cara Pemantauan dan "
        "Evaluasi SPBE terbaru, yaitu Pedoman Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Republik "
        "Indonesia Nomor 3 Tahun 2024.",
        # skripsi-implementasi-perbup-blitar-22-2019-smart-city.md
        "Pembimbing Skripsi : Dr. Heru Rochmansjah, S.H., M.Si",
        # laporan-evaluasi-spbe-2023-kemenpanrb.marker.md (a table cell)
        "Pemerintah Kab. Aceh Besar",
        # perpres-95-2018-spbe.marker.md
        "Total belanja TIK pemerintah untuk perangkat lunak (aplikasi) dan perangkat keras tahun 2014 – 2016 mencapai "
        "lebih dari Rp.12.700.000.000.000,- (dua belas triliun tujuh ratus miliar Rupiah).",
        # perbup-pakpakbharat-34-2019-rencana-induk-spbe-2019-2024.pdf, the penutup of an acting regent
        "Ditetapkan di Salak pada tanggal 2 Oktober 2019 Pj. BUPATI PAKPAK BHARAT, ttd ASREN NASUTION",
        # a signature written "ttd." before the name
        "Ditetapkan di Contoh pada tanggal 1 Maret 2021 BUPATI CONTOH, ttd. ADI SUSANTO",
    ],
)
def test_abbreviations_titles_and_amounts_do_not_end_a_sentence(text):
    assert split_sentences(text) == [text]


def test_sentences_of_a_paragraph_split_after_a_regulation_number():
    # laporan-evaluasi-spbe-2024-kemenpanrb.marker.md: "No. 59" stays, "Tahun 2024." ends the first sentence
    text = (
        "Sesuai dengan amanat Pasal 9 Peraturan Menteri PANRB No. 59 Tahun 2020, pelaksanaan Evaluasi SPBE di tahun "
        "2024 dilaksanakan dengan mengacu kepada Pedoman Menteri Nomor 3 Tahun 2024. Pedoman Menteri ini dirancang "
        "sebagai panduan bagi Asesor Internal di Instansi Pusat dan Pemerintah Daerah."
    )
    first, second = split_sentences(text)
    assert first.endswith("Nomor 3 Tahun 2024.") and "No. 59 Tahun 2020" in first
    assert second.startswith("Pedoman Menteri ini dirancang")


def test_a_record_of_fields_is_one_unit_and_a_list_is_not_a_record():
    # sop-kalbar-pelanggaran-pihak-perjanjian-kerja-2024.pdf, a procedure step as the SOP parser writes it
    step = (
        "Langkah 5: Aktivitas: Penanganan Pengaduan di BKD Provinsi Kalimantan Barat; Pelaksana: BKD Prov. Kalbar; "
        "Pendukung Kelengkapan: Surat Laporan Pengaduan dan Lembar Disposisi; Pendukung Waktu: 7 hari kerja; Pendukung Output: Disposisi Arahan"
    )
    assert is_record(step) and is_record("Indikator: Indeks SPBE; 2025: 3,10; 2026: 3,25")
    assert not is_record("Penyelenggara berkewajiban: a. menyusun standar pelayanan; b. menyusun maklumat pelayanan;")
    assert not is_record("Nama: Dinas; Alamat: Jalan Merdeka")  # two fields: a sentence may hold two colons


def test_a_list_label_does_not_end_a_sentence():
    # uu-23-2014-pemerintahan-daerah.md, Pasal 1 run together by the conversion
    text = (
        "Urusan Pemerintahan Wajib adalah Urusan Pemerintahan yang wajib diselenggarakan oleh semua Daerah. "
        "15. Urusan Pemerintahan Pilihan adalah Urusan Pemerintahan yang wajib diselenggarakan oleh Daerah sesuai "
        "dengan potensi yang dimiliki Daerah."
    )
    assert [s[:18] for s in split_sentences(text)] == ["Urusan Pemerintaha", "15. Urusan Pemerin"]
    # uu-25-2009-pelayanan-publik.md: "Penyelenggara berkewajiban: a. ...; b. ..." is one sentence
    duties = "Penyelenggara berkewajiban: a. menyusun dan menetapkan standar pelayanan; b. menyusun, menetapkan, dan memublikasikan maklumat pelayanan;"
    assert split_sentences(duties) == [duties]
    # an angka list: "1." after ":" is a label, not the end of "... fungsi: 1."
    # laporan-evaluasi-spbe-2024-kemenpanrb.marker.md (the items joined on one line)
    functions = split_sentences(
        "Sekretariat Tim Koordinasi SPBE Nasional menyelenggarakan fungsi: 1. Koordinasi penyusunan rencana program dan "
        "kegiatan Tim Koordinasi SPBE Nasional; 2. Koordinasi penerapan program dan kegiatan Tim Koordinasi SPBE Nasional;"
    )
    assert [s[-30:] for s in functions] == ["egiatan Tim Koordinasi SPBE Nasional;"[-30:]] * 2
    assert functions[0].startswith("Sekretariat") and functions[1].startswith("2. Koordinasi penerapan")


# --- labels --------------------------------------------------------------------------------------


def test_labels_of_ayat_huruf_angka_and_bullets():
    # perpres-95-2018-spbe.marker.md and uu-25-2009-pelayanan-publik.md
    assert leading_label("(3) Tim Koordinasi SPBE Nasional mempunyai tugas melakukan koordinasi") == ("ayat", "3")
    assert leading_label("a. menyusun dan menetapkan standar pelayanan;") == ("huruf", "a.")
    assert leading_label("1) Pemanfaatan kawasan hutan;") == ("angka", "1)")  # uu-23-2014-pemerintahan-daerah.md
    assert leading_label("- (1) Setiap pimpinan Instansi Pusat mempunyai tugas") == ("bullet", "-")
    assert leading_label("Penyelenggara berkewajiban:") is None
    assert leading_label("2019 merupakan tahun pertama") is None
    assert is_list_item("b. menyusun, menetapkan, dan memublikasikan maklumat pelayanan;")
    assert not is_list_item("(2) Penyelenggara Sistem Elektronik wajib menyediakan sistem pengamanan")
    assert without_label("(4) Penyelenggara wajib menyediakan anggaran guna membayar ganti rugi.").startswith("Penyelenggara")


def test_ayat_and_run_in_items_split():
    # pp-71-2019-penyelenggaraan-sistem-transaksi-elektronik.md, two ayat on their own lines
    pasal = (
        "(1) Penyelenggara Sistem Elektronik wajib memiliki dan menjalankan prosedur dan sarana untuk pengamanan Sistem Elektronik.\n"
        "(2) Penyelenggara Sistem Elektronik wajib menyediakan sistem pengamanan yang mencakup prosedur dan sistem pencegahan."
    )
    assert [block[:3] for block in split_ayat(pasal)] == ["(1)", "(2)"]
    # a cross-reference wrapped before its number is no cut: the word before the label refers to it
    wrapped = "(1) Rencana disusun.\n(2) Rencana sebagaimana dimaksud pada ayat\n(1) ditetapkan Bupati.\n(3) Selesai."
    assert split_ayat(wrapped) == ["(1) Rencana disusun.", "(2) Rencana sebagaimana dimaksud pada ayat\n(1) ditetapkan Bupati.", "(3) Selesai."]
    assert is_cross_reference("sebagaimana dimaksud pada ayat (1) dan", "ayat")
    assert is_cross_reference("dimaksud dalam huruf", "huruf") and not is_cross_reference("pendidikan; dan", "huruf")
    assert not is_cross_reference("ditetapkan Bupati.", "ayat") and not is_cross_reference("", "ayat")
    # uu-14-2008-keterbukaan-informasi-publik.pdf, Pasal 22 ayat (7): the items after "berisikan :"
    lead_in, *items = split_items(
        "Badan Publik yang bersangkutan wajib menyampaikan pemberitahuan tertulis yang berisikan : a. informasi yang "
        "diminta berada di bawah penguasaannya ataupun tidak; b. Badan Publik wajib memberitahukan Badan Publik yang "
        "menguasai informasi yang diminta; dan c. penerimaan atau penolakan permintaan dengan alasan yang tercantum"
    )
    assert lead_in.endswith("berisikan :")
    assert [item[:2] for item in items] == ["a.", "b.", "c."]



def test_ayat_run_into_the_text_are_cut_only_where_the_numbering_continues():
    # pp-71-2019-penyelenggaraan-sistem-transaksi-elektronik.md, Pasal 20: ayat (2)-(5) on one line
    text = (
        "Penyelenggara Sistem Elektronik Lingkup Publik wajib melakukan penyimpanan di wilayah Indonesia. "
        "(3) Penyelenggara Sistem Elektronik Lingkup Publik dapat melakukan penyimpanan di luar wilayah Indonesia. "
        "(4) Kriteria teknologi penyimpanan sebagaimana dimaksud pada ayat (3) ditentukan oleh komite. "
        "(5) Pembentukan komite sebagaimana dimaksud pada ayat (4) ditetapkan oleh Menteri."
    )
    head, parts = inline_ayat(text, 3)
    assert head.endswith("di wilayah Indonesia.")
    assert [number for number, _ in parts] == ["3", "4", "5"]
    assert parts[1][1].startswith("Kriteria") and parts[1][1].endswith("oleh komite.")
    assert inline_ayat(text, 3, last=6) is None  # the line that follows says (7): (6) must be here too
    # uu-25-2009-pelayanan-publik.md, Pasal 23 ayat (4): the next ayat after the last huruf, with no stop
    head, parts = inline_ayat("pengelolaan pengaduan; dan f. penilaian kinerja (5) Penyelenggara berkewajiban menyediakan informasi.", 5)
    assert head.endswith("penilaian kinerja") and parts == [("5", "Penyelenggara berkewajiban menyediakan informasi.")]
    # Cross-references and numbers out of sequence stay text
    assert inline_ayat("sebagaimana dimaksud dalam Pasal 5 ayat (3) Undang-Undang ini berlaku.", 3) is None
    assert inline_ayat("diatur dalam ayat (2) dan (3) Peraturan Menteri.", 3) is None
    assert inline_ayat("Ketentuan lain berlaku. (7) Ayat yang tidak berurutan.", 3) is None

# --- definitions ---------------------------------------------------------------------------------


def test_definitions_as_the_ketentuan_umum_writes_them():
    # perpres-95-2018-spbe.marker.md, Pasal 1 angka 1
    spbe = (
        "1. Sistem Pemerintahan Berbasis Elektronik yang selanjutnya disingkat SPBE adalah penyelenggaraan pemerintahan "
        "yang memanfaatkan teknologi informasi dan komunikasi untuk memberikan layanan kepada Pengguna SPBE."
    )
    assert parse_definition(without_label(spbe)) == ("Sistem Pemerintahan Berbasis Elektronik", "SPBE")
    assert defines(spbe, "SPBE") and defines(spbe, "Sistem Pemerintahan Berbasis Elektronik")
    # uu-23-2014-pemerintahan-daerah.md, Pasal 1 angka 14
    assert parse_definition("Urusan Pemerintahan Wajib adalah Urusan Pemerintahan yang wajib diselenggarakan oleh semua Daerah.") == (
        "Urusan Pemerintahan Wajib",
        None,
    )
    # perpres-95-2018-spbe.marker.md: a duty, not a definition
    duty = "(3) Tim Koordinasi SPBE Nasional mempunyai tugas melakukan koordinasi dan penerapan kebijakan SPBE pada Instansi Pusat dan Pemerintah Daerah."
    assert parse_definition(without_label(duty)) is None and not defines(duty, "Tim Koordinasi SPBE Nasional")


# --- norms and their actors ----------------------------------------------------------------------


def _norm(sentence: str) -> tuple[str, str] | None:
    found = find_norm(sentence)
    return (found[0], norm_actor(sentence, found[1])) if found else None


@pytest.mark.parametrize(
    ("sentence", "modality", "actor"),
    [
        # uu-25-2009-pelayanan-publik.md
        ("(4) Penyelenggara wajib menyediakan anggaran guna membayar ganti rugi.", "wajib", "Penyelenggara"),
        ("Penyelenggara berkewajiban:", "berkewajiban", "Penyelenggara"),
        # uu-23-2014-pemerintahan-daerah.md
        ("(1) Pemerintah Daerah wajib menyediakan informasi Pemerintahan Daerah yang terdiri atas:", "wajib", "Pemerintah Daerah"),
        # perbup-blitar-116-2022-sotk-dinas-kepemudaan-olahraga.pdf
        ("(2) Dinas dipimpin oleh Kepala Dinas yang berkedudukan di bawah dan bertanggung jawab kepada Bupati melalui Sekretaris Daerah.",
         "bertanggung jawab", "Kepala Dinas"),
        # perpres-95-2018-spbe.marker.md
        ("(1) Setiap pimpinan Instansi Pusat mempunyai tugas melakukan koordinasi dan menetapkan kebijakan SPBE di Instansi Pusat.",
         "bertugas", "pimpinan Instansi Pusat"),
    ],
)
def test_norms_name_the_subject_that_bears_them(sentence, modality, actor):
    assert _norm(sentence) == (modality, actor)


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        # The subject is a circumstance of the actor: "dalam melaksanakan tugasnya" is not part of it.
        # uu-23-2014-pemerintahan-daerah.md
        ("(3) Kepala dinas dalam melaksanakan tugasnya bertanggung jawab kepada kepala daerah melalui sekretaris Daerah.", "Kepala dinas"),
        # uu-25-2009-pelayanan-publik.md
        ("Pelaksana dalam menyelenggarakan pelayanan publik harus berperilaku sebagai berikut:", "Pelaksana"),
        # An activity (pe-...-an) bears no norm: the sentence names no actor.
        # peraturan-bssn-8-2024-audit-keamanan-spbe.pdf
        ("(1) Selain kriteria Audit Keamanan SPBE sebagaimana dimaksud dalam Pasal 10 ayat (1), pelaksanaan Audit Keamanan "
         "SPBE harus memperhatikan kebijakan mikro terkait Keamanan SPBE.", ""),
        # pp-71-2019-penyelenggaraan-sistem-transaksi-elektronik.md
        ("(1) Penyelenggaraan Transaksi Elektronik wajib menggunakan Sertifikat Elektronik yang diterbitkan oleh Penyelenggara "
         "Sertifikasi Elektronik Indonesia.", ""),
        # A clause before the modal word (an active verb outside a "yang" clause) is no actor either: the
        # subject written after the reference is not recovered, so the register says "tidak disebut".
        # uu-23-2014-pemerintahan-daerah.md
        ("(1) Selain mempunyai kewajiban sebagaimana dimaksud dalam Pasal 67 kepala daerah wajib menyampaikan laporan "
         "penyelenggaraan Pemerintahan Daerah, laporan keterangan pertanggungjawaban, dan ringkasan laporan penyelenggaraan "
         "Pemerintahan Daerah.", ""),
    ],
)
def test_actor_is_a_bearer_not_an_activity_or_a_clause(sentence, actor):
    assert _norm(sentence)[1] == actor


def test_names_and_definitions_state_no_norm():
    # uu-23-2014-pemerintahan-daerah.md: "Wajib" in a name, and modal words inside definitions
    assert _norm("(2) Urusan Pemerintahan Wajib sebagaimana dimaksud pada ayat (1) terdiri atas Urusan Pemerintahan "
                 "yang berkaitan dengan Pelayanan Dasar.") is None
    assert _norm("Urusan Pemerintahan Wajib adalah Urusan Pemerintahan yang wajib diselenggarakan oleh semua Daerah.") is None
    assert _norm("Hubungan Keuangan antara Pemerintah Pusat dan Daerah adalah suatu sistem pembagian keuangan yang adil, "
                 "proporsional, demokratis, transparan, dan bertanggung jawab.") is None
    # "wajib pajak" is the taxpayer
    assert _norm("PPh Pasal 25 dan Pasal 29 wajib pajak orang pribadi dalam negeri dan PPh Pasal 21.") is None
    # a passive norm without "oleh": no actor, not the object before it
    # uu-14-2008-keterbukaan-informasi-publik.pdf
    assert _norm("(3) Daftar calon anggota Komisi Informasi wajib diumumkan kepada masyarakat.") == ("wajib", "")
