"""Follow-up questions carry the regulation and Pasal under discussion into retrieval."""

from __future__ import annotations

from assistant.followup import Turn, is_follow_up, rewrite, rewrite_heuristic

UU_LABEL = "UU No. 14 Tahun 2008"


def test_standalone_questions_are_left_alone():
    history = [Turn("Apa yang dimaksud dengan Badan Publik menurut UU 14/2008?")]
    assert rewrite("Apa saja dimensi smart city?", []) == "Apa saja dimensi smart city?"
    assert rewrite_heuristic("Apa yang dimaksud dengan Informasi Publik menurut UU 25/2009?", history) == (
        "Apa yang dimaksud dengan Informasi Publik menurut UU 25/2009?"
    )


def test_follow_up_carries_the_regulation_and_the_pasal():
    history = [Turn("Apa isi Pasal 22 UU 14/2008?")]
    assert is_follow_up("Bagaimana dengan ayat tersebut?")
    assert rewrite_heuristic("Berapa lama jangka waktunya?", history) == f"Berapa lama jangka waktunya? (Pasal 22; {UU_LABEL})"
    # A Pasal named in the follow-up replaces the earlier one; the regulation is still carried.
    assert rewrite_heuristic("Bagaimana dengan Pasal 7?", history) == f"Bagaimana dengan Pasal 7? ({UU_LABEL})"


def test_short_follow_up_carries_the_earlier_topic_and_the_cited_document():
    history = [Turn("Apa kewajiban Badan Publik?", "…", documents=(UU_LABEL,))]
    assert rewrite_heuristic("Sanksinya?", history) == f"Sanksinya? (Apa kewajiban Badan Publik; {UU_LABEL})"


def test_follow_up_retrieves_from_the_document_under_discussion(small_assistant):
    first = small_assistant.ask("Apa yang dimaksud dengan Badan Publik menurut UU 14/2008?")
    turn = Turn.of(first)
    assert turn.documents and turn.documents[0] == UU_LABEL
    follow_up = small_assistant.ask("Bagaimana dengan Pasal 22?", history=[turn])
    assert follow_up.question == "Bagaimana dengan Pasal 22?"
    assert follow_up.query == f"Bagaimana dengan Pasal 22? ({UU_LABEL})"
    top = follow_up.hits[0].passage
    assert top.source == "uu-14-2008-keterbukaan-informasi-publik.pdf" and top.pasal == "22"
