"""Extractive answers quote whole logical units and cite only retrieved passages."""

from __future__ import annotations

import re

from assistant.quotes import units


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
