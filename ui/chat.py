"""The chat page: history, example questions, answers with numbered citations, feedback per answer, export."""

from __future__ import annotations

import streamlit as st

from assistant import followup
from assistant.export import conversation_markdown
from assistant.feedback import MAX_COMMENT_CHARS, FeedbackStore
from assistant.highlight import question_terms, safe_markdown, safe_markdown_table
from assistant import Assistant, citation_json

from . import citation, state
from .texts import EXAMPLE_QUESTIONS, language, tr


def answer_question(assistant: Assistant, question: str, history: list[state.Turn]) -> state.Turn:
    """Ask with this session's filters, passage count, language, answer mode and chat history.

    An LLM's draft streams in, marked as still being checked; it is then replaced by the verified
    answer, or by the extractive one with a note saying why (assistant/generation.py). The mode is
    the sidebar's choice only: ASISTEN_LLM alone never switches a session to the LLM.
    """
    mode = st.session_state.get("answer_mode", state.EXTRACTIVE)
    draft_box, draft, answer = st.empty(), "", None
    previous = [followup.Turn.of(turn.answer) for turn in history]
    with st.spinner(tr("searching")):
        for item in assistant.ask_stream(
            question,
            top_k=st.session_state.get("top_k"),
            filters=state.filters(),
            language=language(),
            history=previous,
            llm="none" if mode == state.EXTRACTIVE else mode,
        ):
            if isinstance(item, str):
                draft += item
                with draft_box.container():  # unchecked model text: plain text, never Markdown (no links, no images)
                    st.caption(tr("draft_checking"))
                    st.text(draft)
            else:
                answer = item
    draft_box.empty()
    return state.Turn(answer, mode)


def _record_rating(store: FeedbackStore, turn: state.Turn) -> None:
    """st.feedback callback: 1 = 👍, 0 = 👎 (stored as 1 / -1); a second click changes the stored rating.

    A store that cannot be written only flags the turn (shown under the buttons); a later click retries.
    """
    value = st.session_state.get(f"rating-{turn.id}")
    if value is None:
        return
    rating = 1 if value == 1 else -1
    if turn.feedback_id is None:
        answer = turn.answer
        citations = [citation_json(n, hit) for n, hit in enumerate(answer.hits, start=1)]
        turn.feedback_id = store.record(rating, answer.question, answer.text, answer.found, turn.mode, citations)
        saved = turn.feedback_id is not None
    else:
        saved = store.update(turn.feedback_id, rating=rating)
    st.session_state[f"feedback-failed-{turn.id}"] = not saved


def _feedback(assistant: Assistant, turn: state.Turn) -> None:
    store = FeedbackStore(assistant.settings.feedback)
    st.caption(tr("helpful"))
    st.feedback("thumbs", key=f"rating-{turn.id}", on_change=_record_rating, args=(store, turn))
    if st.session_state.get(f"feedback-failed-{turn.id}"):
        st.warning(tr("feedback_failed"))
    if turn.feedback_id is None:
        return
    comment = st.text_input(tr("comment"), key=f"comment-{turn.id}", max_chars=MAX_COMMENT_CHARS)
    if st.button(tr("send_comment"), key=f"send-{turn.id}") and not store.update(turn.feedback_id, comment=comment):
        st.warning(tr("feedback_failed"))
    st.caption(tr("thanks"))


def _show_turn(assistant: Assistant, turn: state.Turn, latest: bool) -> None:
    answer = turn.answer
    with st.chat_message("user"):
        st.markdown(safe_markdown(answer.question))
    with st.chat_message("assistant"):
        st.markdown(safe_markdown(answer.text))
        for table in answer.tables:  # quoted table rows, shown as the table they came from
            st.markdown(safe_markdown_table(table["columns"], table["rows"], f"[{table['cite']}] {table['caption']}".strip()))
        if answer.mode == "llm":
            st.caption(tr("llm_verified", model=turn.mode, verdict=answer.verification.verdict))
        if answer.query:
            st.caption(tr("searched_as", query=answer.query))
        if answer.pending_vectors:
            st.caption(tr("dense_incomplete", pending=answer.pending_vectors))
        if not answer.hits:
            st.caption(tr("no_hits"))
        elif not answer.found:
            st.caption(tr("closest"))
        terms = question_terms(answer.question)
        first = answer.quoted[0] if answer.quoted else 1
        for n, hit in enumerate(answer.hits, start=1):
            citation.render(assistant, n, hit, terms, key=f"{turn.id}-{n}", expanded=latest and n == first)
        _feedback(assistant, turn)


def render(assistant: Assistant) -> None:
    st.title(tr("title"))
    st.caption(tr("caption"))
    if assistant.is_empty:
        st.warning(tr("app_empty_index"))
        return
    active = state.filters()
    if active:
        what = ", ".join(str(value) for value in (*active.jenis, *active.tahun, *active.source))
        st.caption(tr("filtered", what=what))
    turns = state.turns()
    question = st.chat_input(tr("ask"), key="question", max_chars=assistant.settings.max_question_chars) or st.session_state.pop("example_question", None)
    if not turns and not question:
        st.markdown(tr("examples"))
        for i, example in enumerate(EXAMPLE_QUESTIONS):
            st.button(example, key=f"example-{i}", on_click=st.session_state.update, kwargs={"example_question": example})
    for i, turn in enumerate(turns):
        _show_turn(assistant, turn, latest=i == len(turns) - 1 and not question)
    if question and question.strip():
        if len(question) >= assistant.settings.max_question_chars:  # Streamlit cuts the input there, browser and server
            st.warning(tr("question_cut", limit=assistant.settings.max_question_chars))
        turns.append(answer_question(assistant, question.strip(), turns))
        _show_turn(assistant, turns[-1], latest=True)
    if turns:
        _conversation_tools(turns)


def _conversation_tools(turns: list[state.Turn]) -> None:
    """Below the last answer, so the export always includes it."""
    export, restart = st.columns(2)
    export.download_button(
        tr("export"),
        data=conversation_markdown([(turn.answer, turn.mode) for turn in turns], language()),
        file_name=tr("file_conversation"),
        mime="text/markdown",
        on_click="ignore",
        key="export",
    )
    if restart.button(tr("new_chat"), key="new_chat"):
        st.session_state["turns"] = []
        st.rerun()
