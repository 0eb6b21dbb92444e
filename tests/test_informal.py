"""Questions typed as in a chat group ("min, brp lama masa tugas tim? yg bayar biaya pemusnahan arsip dr mana")
are read with the words documents use (assistant/expansion.formal): "brp" is a term no passage holds, so the
evidence threshold refused such questions, and the question forms ("berapa lama", "apa saja") went unread."""

from __future__ import annotations

import pytest

from assistant.expansion import formal

from .conftest import assistant_over_pdfs
from .test_asks import LINES, TEAM


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    return assistant_over_pdfs(tmp_path_factory, embedder, {"perbup-contoh-12-2023-tim-kearsipan.pdf": [LINES]})


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("min, brp lama masa jabatan kepala daerah? trs yg melantik siapa kak", "berapa lama masa jabatan kepala daerah? terus yang melantik siapa"),
        ("Apa isi Perbup 22/2019 ttg smart city dong", "Apa isi Perbup 22/2019 tentang smart city"),
        # Upper case and dotted forms are names, titles and abbreviations the documents define.
        ("Berapa PD yang sdh ikut Evaluasi SPBE 2024?", "Berapa PD yang sudah ikut Evaluasi SPBE 2024?"),
        ("Dr. Budi menjabat sbg apa di Kab. Blitar?", "Dr. Budi menjabat sebagai apa di Kab. Blitar?"),
        ("Berapa lama masa jabatan kepala daerah?", "Berapa lama masa jabatan kepala daerah?"),
        ("Proses ini makan waktu 10 min atau lebih?", "Proses ini makan waktu 10 min atau lebih?"),  # a unit inside
    ],
)
def test_chat_spellings_are_written_out(typed, written):
    assert formal(typed) == written


def test_a_question_typed_as_in_a_chat_is_answered_as_written(assistant):
    typed = assistant.ask(f"min, brp lama masa tugas {TEAM} kak?")
    written = assistant.ask(f"berapa lama masa tugas {TEAM}?")
    assert typed.found and "3 (tiga) tahun" in " ".join(typed.text.split())
    assert [hit.passage.id for hit in typed.hits] == [hit.passage.id for hit in written.hits]
    assert typed.query == f"berapa lama masa tugas {TEAM}?"  # what was searched is shown to the asker
