"""Extractive answers quote whole logical units and cite only retrieved passages."""

from __future__ import annotations

import re

from assistant.presentation import place_label
from assistant.quotes import quote_location, units
from ingest.model import Location, Passage


def test_units_undo_pdf_line_wraps_and_keep_list_lead_ins_with_their_items():
    text = (
        "(1) Setiap Orang berhak memperoleh Informasi Publik sesuai\n"
        "dengan ketentuan Undang-Undang ini.\n"
        "(2) Setiap Orang berhak:\n"
        "a. melihat dan mengetahui Informasi Publik;\n"
        "b. menghadiri pertemuan publik.\n"
        "(3) Setiap Pemohon berhak mengajukan permintaan."
    )
    found = units(text)
    assert found[0] == "(1) Setiap Orang berhak memperoleh Informasi Publik sesuai dengan ketentuan Undang-Undang ini."
    assert "(2) Setiap Orang berhak: a. melihat dan mengetahui Informasi Publik; b. menghadiri pertemuan publik." in found
    assert not any("(2)" in unit and "(3)" in unit for unit in found)


def test_a_cross_reference_wrapped_before_its_number_stays_in_its_ayat_and_is_cited_there():
    """"... pada ayat\n(1) disampaikan ..." is one ayat (2): quoted as one unit and cited at ayat (2), not
    cut into a unit that opens with "(1)" and is cited at ayat (1)."""
    text = (
        "(1) Perangkat Daerah wajib menyusun rencana kerja setiap tahun.\n"
        "(2) Rencana kerja sebagaimana dimaksud pada ayat\n"
        "(1) disampaikan kepada Bupati paling lambat bulan Maret.\n"
        "(3) Bupati menetapkan rencana kerja."
    )
    found = units(text)
    assert found[1] == "(2) Rencana kerja sebagaimana dimaksud pada ayat (1) disampaikan kepada Bupati paling lambat bulan Maret."
    assert len(found) == 3
    passage = Passage(id="p", source="perbup.pdf", header="Perbup › Pasal 4", kind="pasal", text=text, pasal="4", ayat="1-3")
    assert quote_location(passage, found[1]).ayat == "2"


def test_units_of_a_ketentuan_umum_are_its_definitions():
    # perbup-blitar-116-2022-sotk-dinas-kepemudaan-olahraga.pdf, Pasal 1 as extracted
    text = (
        "Dalam Peraturan Bupati ini yang dimaksud dengan:\n"
        "1. Daerah adalah Kabupaten Blitar.\n"
        "2. Pemerintah Daerah adalah Pemerintah Kabupaten\n"
        "Blitar.\n"
        "3. Bupati adalah Bupati Blitar.\n"
        "6. Dinas Kepemudaan dan Olahraga yang selanjutnya\n"
        "disebut Dinas adalah Dinas Kepemudaan dan\n"
        "Olahraga Kabupaten Blitar."
    )
    found = units(text)
    assert "6. Dinas Kepemudaan dan Olahraga yang selanjutnya disebut Dinas adalah Dinas Kepemudaan dan Olahraga Kabupaten Blitar." in found
    assert "2. Pemerintah Daerah adalah Pemerintah Kabupaten Blitar." in found
    assert all(unit.count(" adalah ") <= 1 for unit in found)  # no unit runs several definitions together


def test_answer_markers_point_at_retrieved_passages(small_assistant):
    for question in ("Apa yang dimaksud dengan Badan Publik?", "Apa saja hak setiap orang atas informasi publik?"):
        answer = small_assistant.ask(question)
        markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)}
        assert markers and markers <= set(range(1, len(answer.hits) + 1))
        for line in answer.text.splitlines():
            quoted = re.search(r"“(.+)” \[(\d+)\]$", line)
            if quoted:  # every quote is copied from the passage it cites (modulo line wraps)
                passage = answer.hits[int(quoted.group(2)) - 1].passage.text
                assert " ".join(quoted.group(1).split()) in " ".join(passage.split())


def test_a_quoted_ayat_is_cited_at_its_own_number_not_at_its_passages_first():
    """A passage holding ayat (1)-(5) of Pasal 20 quoted at its ayat (3) says "ayat (3)": the reader checks
    the citation against the printed text."""
    passage = Passage(
        id="p", source="pp.md", header="PP › Pasal 20", kind="pasal", pasal="20", ayat="1-5",
        text=(
            "(1) Penyelenggara Sistem Elektronik Lingkup Publik wajib memiliki rencana keberlangsungan kegiatan.\n"
            "(2) Penyelenggara Sistem Elektronik Lingkup Publik wajib melakukan penyimpanan di wilayah Indonesia.\n"
            "(3) Penyelenggara Sistem Elektronik Lingkup Publik dapat melakukan penyimpanan di luar wilayah Indonesia."
        ),
    )
    quoted = units(passage.text)[2]
    assert quoted.startswith("(3)")
    assert quote_location(passage, quoted) == Location(pasal="20", ayat="3")
    assert place_label(quote_location(passage, quoted), "id") == "Pasal 20 ayat (3)"
    # a unit without its own label (a sentence, a list item) keeps the passage's place
    assert quote_location(passage, "Penyelenggara dapat menyimpan data.") == passage.location()
