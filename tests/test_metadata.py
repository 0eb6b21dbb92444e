"""Title-block parsing on every corpus file and on synthetic headings of kinds the corpus lacks."""

from pathlib import Path

import pytest
from pypdf import PdfReader

from ingest.metadata import apply_overrides, extract_metadata, load_sidecar, sidecar_path
from ingest.model import Document, Page
from ingest.pipeline import discover

from .conftest import CORPUS



def corpus_pages(path: Path) -> list[Page]:
    """The pages the loader would give: the first three PDF pages, or the whole .md as one page."""
    if path.suffix == ".pdf":
        return [Page(i + 1, page.extract_text() or "") for i, page in enumerate(PdfReader(path).pages[:3])]
    return [Page(None, path.read_text(encoding="utf-8"))]


# file: (jenis, nomor, tahun, phrase in tentang (or in title when no tentang), daerah, status, instansi)
EXPECTED = {
    "perbup-blitar-116-2022-sotk-dinas-kepemudaan-olahraga.pdf": (
        "Peraturan Bupati", "116", 2022, "Dinas Kepemudaan dan Olahraga", "Kabupaten Blitar", None, None),
    "perbup-pakpakbharat-34-2019-rencana-induk-spbe-2019-2024.pdf": (
        "Peraturan Bupati", "34", 2019, "Rencana Induk Sistem Pemerintahan Berbasis Elektronik",
        "Kabupaten Pakpak Bharat", None, None),
    "rancangan-perbup-lamongan-2021-spbe.pdf": (
        "Peraturan Bupati", None, 2021, "Sistem Pemerintahan Berbasis Elektronik", "Kabupaten Lamongan",
        "Rancangan", None),
    "uu-14-2008-keterbukaan-informasi-publik.pdf": (
        "Undang-Undang", "14", 2008, "Keterbukaan Informasi Publik", None, None, None),
    "perpres-82-2023-percepatan-transformasi-digital-layanan-digital-nasional.pdf": (
        "Peraturan Presiden", "82", 2023, "Keterpaduan Layanan Digital Nasional", None, None, None),
    "permenpanrb-59-2020-pemantauan-evaluasi-spbe.pdf": (
        "Peraturan Menteri", "59", 2020, "Pemantauan dan Evaluasi Sistem Pemerintahan", None, None,
        "Menteri PANRB"),
    "permenpanrb-5-2020-pedoman-manajemen-risiko-spbe.pdf": (
        "Peraturan Menteri", "5", 2020, "Pedoman Manajemen Risiko", None, None, "Menteri PANRB"),
    "peraturan-bssn-8-2024-audit-keamanan-spbe.pdf": (
        "Peraturan Badan", "8", 2024, "Audit Keamanan Sistem Pemerintahan", None, None, "BSSN"),
    "pedoman-menpanrb-3-2024.pdf": (
        "Pedoman", "3", 2024, "Tata Cara Pemantauan dan Evaluasi", None, None, "Menteri PANRB"),
    "laporan-rancangan-arsitektur-spbe-rb-tematik-kemiskinan-ntb-2023.pdf": (
        "Laporan", None, 2023, "Laporan Akhir Penyusunan Rancangan Arsitektur SPBE", "Provinsi NTB", None, None),
    "perpres-95-2018-spbe.marker.md": (
        "Peraturan Presiden", "95", 2018, "Sistem Pemerintahan Berbasis Elektronik", None, None, None),
    "se-menpanrb-18-2022-arsitektur-peta-rencana-spbe.marker.md": (
        "Surat Edaran", "18", 2022, "Penerapan Arsitektur SPBE dan Peta Rencana SPBE", None, None,
        "Menteri PANRB"),
    "laporan-evaluasi-spbe-2023-kemenpanrb.marker.md": (
        "Laporan", None, 2023, "Laporan Pelaksanaan Evaluasi SPBE", None, None, None),
    "laporan-evaluasi-spbe-2024-kemenpanrb.marker.md": (
        "Laporan", None, 2024, "Laporan Evaluasi SPBE", None, None, None),
    "uu-23-2014-pemerintahan-daerah.md": ("Undang-Undang", "23", 2014, "Pemerintahan Daerah", None, None, None),
    "uu-25-2009-pelayanan-publik.md": ("Undang-Undang", "25", 2009, "Pelayanan Publik", None, None, None),
    "pp-38-2017-inovasi-daerah.md": ("Peraturan Pemerintah", "38", 2017, "Inovasi Daerah", None, None, None),
    "pp-71-2019-penyelenggaraan-sistem-transaksi-elektronik.md": (
        "Peraturan Pemerintah", "71", 2019, "Penyelenggaraan Sistem dan Transaksi Elektronik", None, None, None),
    "skripsi-implementasi-perbup-blitar-22-2019-smart-city.md": (
        "Artikel Penelitian", None, None, "Program Smart City", "Kabupaten Blitar", None, None),
    "renstra-diskominfo-kalbar-2024-2026.pdf": (
        "Rencana Strategis", None, 2024, "Rencana Strategis Provinsi Kalimantan Barat", None, None, None),
    "rpjmn-2025-2029-bab-ii-kebijakan-pembangunan.md": (
        "RPJMN", None, 2025, "RPJMN 2025–2029, BAB II: Kebijakan Pembangunan", None, None, None),
    # The chapter never names its plan: its sidecar does (test_sidecar_names_what_the_text_does_not).
    "rpjmn-2025-2029-bab-iii-pn7-reformasi-politik-hukum-birokrasi.md": (
        None, None, None, "Prioritas Nasional 7", None, None, None),
    "tata-cara-kalbar-pelayanan-informasi-publik-ppid.pdf": (
        "Tata Cara", None, None, "Tata Cara Pelayanan Informasi Publik", "Provinsi Kalimantan Barat", None, None),
    "tata-cara-kalbar-pengaduan-pelanggaran-pejabat.pdf": (
        "Tata Cara", None, None, "Tata Cara Pengaduan Penyalahgunaan Wewenang", "Provinsi Kalimantan Barat", None, None),
    "tata-cara-kalbar-penyelesaian-sengketa-ki-provinsi.pdf": (
        "Tata Cara", None, None, "Penyelesaian Sengketa ke Komisi Informasi Provinsi", None, None, None),
    # Scans without a text layer: their title block is read after OCR, from the SOP identity fields
    # (ingest/sop.py, tests/test_genres.py), so the bare title block says nothing.
    **{
        name: (None, None, None, name.removesuffix(".pdf"), None, None, None)
        for name in (
            "sop-kalbar-pelanggaran-pihak-perjanjian-kerja-2024.pdf",
            "sop-kalbar-pelayanan-permohonan-informasi-publik-2024.pdf",
            "sop-kalbar-pengumpulan-publikasi-informasi-online.pdf",
            "sop-kalbar-pengumuman-informasi-publik.pdf",
            "sop-kalbar-penyusunan-daftar-informasi-publik.pdf",
        )
    },
}


def test_sidecar_names_what_the_text_does_not():
    name = "rpjmn-2025-2029-bab-iii-pn7-reformasi-politik-hukum-birokrasi.md"
    doc = apply_overrides(extract_metadata(name, corpus_pages(CORPUS / name)), load_sidecar(sidecar_path(CORPUS / name)))
    assert (doc.jenis, doc.tahun) == ("RPJMN", 2025) and doc.short_name.startswith("RPJMN 2025–2029, BAB III")


def test_expectations_cover_the_whole_corpus():
    documents, skipped = discover([CORPUS])
    assert sorted(EXPECTED) == sorted(source for source, _ in documents) and not skipped


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file(name):
    jenis, nomor, tahun, phrase, daerah, status, instansi = EXPECTED[name]
    pages = corpus_pages(CORPUS / name)
    doc = extract_metadata(name, pages)
    assert (doc.jenis, doc.nomor, doc.tahun, doc.daerah, doc.status, doc.instansi) == (
        jenis, nomor, tahun, daerah, status, instansi)
    assert phrase in (doc.tentang or doc.title)
    assert doc.source == name and doc.pages == len(pages) and doc.sha256 == ""
    if doc.tentang:
        assert doc.title.endswith(f"tentang {doc.tentang}")
        assert not doc.tentang.endswith((".", ",", ";"))


def test_regulation_titles_are_readable():
    pakpak = CORPUS / "perbup-pakpakbharat-34-2019-rencana-induk-spbe-2019-2024.pdf"
    doc = extract_metadata(pakpak.name, corpus_pages(pakpak))
    assert doc.title.startswith("Peraturan Bupati Pakpak Bharat Nomor 34 Tahun 2019 tentang Rencana Induk")
    assert doc.short_name == "Perbup Kab. Pakpak Bharat No. 34 Tahun 2019"
    draft = extract_metadata("x.pdf", corpus_pages(CORPUS / "rancangan-perbup-lamongan-2021-spbe.pdf"))
    assert draft.title == (
        "Rancangan Peraturan Bupati Lamongan Tahun 2021 tentang Sistem Pemerintahan Berbasis Elektronik")


def test_research_article_about_a_perbup_is_not_that_perbup():
    name = "skripsi-implementasi-perbup-blitar-22-2019-smart-city.md"
    doc = extract_metadata(name, corpus_pages(CORPUS / name))
    assert doc.title.startswith("Implementasi Peraturan Bupati Nomor 22 Tahun 2019")
    assert (doc.nomor, doc.tentang, doc.is_regulation) == (None, None, False)


def synthetic(text: str) -> Document:
    return extract_metadata("synthetic.pdf", [Page(1, text)])


FORMULA = "\nDENGAN RAHMAT TUHAN YANG MAHA ESA\n"


def test_perwal():
    doc = synthetic(
        "WALI KOTA SURABAYA\nPROVINSI JAWA TIMUR\nPERATURAN WALI KOTA SURABAYA\nNOMOR 5 TAHUN 2021\nTENTANG\n"
        "PENYELENGGARAAN SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK\nDI LINGKUNGAN PEMERINTAH KOTA SURABAYA"
        + FORMULA + "WALI KOTA SURABAYA,\nMenimbang : a. bahwa"
    )
    assert (doc.jenis, doc.nomor, doc.tahun, doc.daerah) == ("Peraturan Wali Kota", "5", 2021, "Kota Surabaya")
    assert doc.tentang == (
        "Penyelenggaraan Sistem Pemerintahan Berbasis Elektronik di Lingkungan Pemerintah Kota Surabaya")
    assert doc.title.startswith("Peraturan Wali Kota Surabaya Nomor 5 Tahun 2021 tentang Penyelenggaraan")


def test_walikota_spelled_as_one_word_on_one_line():
    doc = synthetic("PERATURAN WALIKOTA BOGOR NOMOR 12 TAHUN 2020 TENTANG RENCANA INDUK KOTA CERDAS" + FORMULA)
    assert (doc.jenis, doc.nomor, doc.daerah, doc.tentang) == (
        "Peraturan Wali Kota", "12", "Kota Bogor", "Rencana Induk Kota Cerdas")


def test_pergub():
    doc = synthetic(
        "GUBERNUR JAWA TENGAH\nPERATURAN GUBERNUR JAWA TENGAH\nNOMOR 7 TAHUN 2019\nTENTANG\n"
        "TATA KELOLA TEKNOLOGI INFORMASI DAN KOMUNIKASI" + FORMULA + "GUBERNUR JAWA TENGAH,"
    )
    assert (doc.jenis, doc.nomor, doc.tahun, doc.daerah, doc.instansi) == (
        "Peraturan Gubernur", "7", 2019, "Provinsi Jawa Tengah", None)
    assert doc.tentang == "Tata Kelola Teknologi Informasi dan Komunikasi"


def test_perda_kabupaten_with_acronym_and_year_range():
    doc = synthetic(
        "BUPATI BANYUWANGI\nPROVINSI JAWA TIMUR\nPERATURAN DAERAH KABUPATEN BANYUWANGI\nNOMOR 3 TAHUN 2020\n"
        "TENTANG\nRENCANA PEMBANGUNAN JANGKA MENENGAH DAERAH (RPJMD)\nTAHUN 2021-2026" + FORMULA
        + "BUPATI BANYUWANGI,\nMenimbang : a. bahwa"
    )
    assert (doc.jenis, doc.nomor, doc.tahun, doc.daerah) == ("Peraturan Daerah", "3", 2020, "Kabupaten Banyuwangi")
    assert doc.tentang == "Rencana Pembangunan Jangka Menengah Daerah (RPJMD) Tahun 2021-2026"
    assert doc.short_name == "Perda Kab. Banyuwangi No. 3 Tahun 2020"


def test_permendagri():
    doc = synthetic(
        "SALINAN\nMENTERI DALAM NEGERI\nREPUBLIK INDONESIA\nPERATURAN MENTERI DALAM NEGERI REPUBLIK INDONESIA\n"
        "NOMOR 86 TAHUN 2017\nTENTANG\nTATA CARA PERENCANAAN, PENGENDALIAN DAN EVALUASI PEMBANGUNAN DAERAH,\n"
        "TATA CARA EVALUASI RANCANGAN PERATURAN DAERAH" + FORMULA + "MENTERI DALAM NEGERI REPUBLIK INDONESIA,"
    )
    assert (doc.jenis, doc.nomor, doc.tahun, doc.instansi, doc.daerah, doc.status) == (
        "Peraturan Menteri", "86", 2017, "Menteri Dalam Negeri", None, None)
    assert doc.tentang.endswith("Pembangunan Daerah, Tata Cara Evaluasi Rancangan Peraturan Daerah")
    assert doc.title.startswith("Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017 tentang Tata Cara")


def test_ocr_noise_is_tolerated():
    doc = synthetic(
        "SALINAN\nPRES I DEN\nREPUBUK INDONESIA\nPERATURAN  BUPAT I MAGETAN\nNOMOR: 2O TAHUN 2Ol8\nTENTANG\n"
        "PENYELENGGARAAN  E-GOVERNMENT  DI  LINGKUNGAN\nPEMERINTAH  KABUPATEN  MAGETAN." + FORMULA
    )
    assert (doc.jenis, doc.nomor, doc.tahun, doc.daerah) == ("Peraturan Bupati", "20", 2018, "Kabupaten Magetan")
    assert doc.tentang == "Penyelenggaraan E-Government di Lingkungan Pemerintah Kabupaten Magetan"


def test_markdown_heading_with_markup_and_split_year():
    doc = synthetic(
        "![](_page_0_Picture_0.jpeg)\n\n# **PERATURAN PEMERINTAH REPUBLIK INDONESIA**\n\n## NOMOR 38 TAHUN 20 17\n\n"
        "# TENTANG\n\n# INOVASI DAERAH<sup>1</sup>\n\n## DENGAN RAHMAT TUHAN YANG MAHA ESA"
    )
    assert (doc.jenis, doc.nomor, doc.tahun, doc.tentang) == ("Peraturan Pemerintah", "38", 2017, "Inovasi Daerah")


def test_number_without_tahun_takes_the_year_from_the_number():
    doc = synthetic(
        "PERATURAN MENTERI NEGARA PENDAYAGUNAAN APARATUR NEGARA\nNOMOR: PER/15/M.PAN/7/2008\nTENTANG\n"
        "PEDOMAN UMUM REFORMASI BIROKRASI\nMENTERI NEGARA PENDAYAGUNAAN APARATUR NEGARA,\nMenimbang : a."
    )
    assert (doc.nomor, doc.tahun, doc.tentang) == ("PER/15/M.PAN/7/2008", 2008, "Pedoman Umum Reformasi Birokrasi")
    assert doc.title == (
        "Peraturan Menteri Negara Pendayagunaan Aparatur Negara Nomor PER/15/M.PAN/7/2008 "
        "tentang Pedoman Umum Reformasi Birokrasi"
    )


def test_inline_draft_marker_and_dotted_blank_number():
    doc = synthetic(
        "RANCANGAN PERATURAN DAERAH KOTA MALANG\nNOMOR ... TAHUN 2024\nTENTANG\nPENYELENGGARAAN SPBE" + FORMULA)
    assert (doc.jenis, doc.nomor, doc.tahun, doc.daerah, doc.status) == (
        "Peraturan Daerah", None, 2024, "Kota Malang", "Rancangan")
    assert doc.short_name == "Rancangan Perda Kota Malang Tahun 2024"


def test_mixed_case_heading_needs_the_enacting_formula():
    heading = "Peraturan Bupati Blitar Nomor 22 Tahun 2019 tentang Rencana Induk Kabupaten Cerdas\n"
    doc = synthetic(heading + "Dengan Rahmat Tuhan Yang Maha Esa\nBupati Blitar,")
    assert (doc.jenis, doc.nomor, doc.tentang) == ("Peraturan Bupati", "22", "Rencana Induk Kabupaten Cerdas")
    assert synthetic(heading + "Penelitian ini membahas kebijakan tersebut.").jenis is None


def test_regulation_named_inside_a_title_is_not_the_heading():
    doc = synthetic(
        "ANALISIS KEBIJAKAN\nPERATURAN DAERAH NOMOR 5 TAHUN 2020 TENTANG PAJAK DAERAH DI KOTA MALANG\n"
        "Budi Santoso\nNIM. 1234\nAbstrak\nPenelitian ini ...\nKata kunci: pajak daerah"
    )
    assert (doc.jenis, doc.nomor, doc.tahun, doc.daerah) == ("Artikel Penelitian", None, None, "Kota Malang")


def test_unrecognised_document_keeps_its_first_line_as_title():
    doc = synthetic("NOTULEN RAPAT KOORDINASI\nHari/tanggal: Senin")
    assert (doc.jenis, doc.title) == (None, "Notulen Rapat Koordinasi")


# --- sidecars ---------------------------------------------------------------------------------


def test_sidecar_path():
    assert sidecar_path(Path("corpus/foo.pdf")) == Path("corpus/foo.pdf.meta.toml")


def test_valid_sidecar_overrides_parsed_fields(tmp_path):
    sidecar = sidecar_path(tmp_path / "perbup.pdf")
    sidecar.write_text('nomor = "22"\ntahun = 2019\nstatus = "Rancangan"\njenis = "Peraturan Bupati"\n')
    overrides = load_sidecar(sidecar)
    assert overrides == {"nomor": "22", "tahun": 2019, "status": "Rancangan", "jenis": "Peraturan Bupati"}
    doc = apply_overrides(Document(source="perbup.pdf", title="t", nomor=None, tahun=2018), overrides)
    assert (doc.source, doc.nomor, doc.tahun, doc.status) == ("perbup.pdf", "22", 2019, "Rancangan")


def test_missing_sidecar_means_no_overrides(tmp_path):
    assert load_sidecar(sidecar_path(tmp_path / "none.pdf")) == {}


@pytest.mark.parametrize(
    "content, message",
    [
        ('nomer = "22"\n', "unknown key 'nomer'"),
        ('sha256 = "abc"\n', "unknown key 'sha256'"),
        ('tahun = "2019"\n', "key 'tahun' must be int, got str"),
        ("nomor = 22\n", "key 'nomor' must be str, got int"),
        ("pages = true\n", "key 'pages' must be int, got bool"),
        ('jenis = "Perbup"\n', "jenis 'Perbup' is not one of"),
        ("nomor = \n", "invalid TOML"),
    ],
)
def test_bad_sidecar_names_key_and_file(tmp_path, content, message):
    sidecar = tmp_path / "doc.pdf.meta.toml"
    sidecar.write_text(content)
    with pytest.raises(ValueError, match="doc.pdf.meta.toml") as error:
        load_sidecar(sidecar)
    assert message in str(error.value)
