"""The `asisten` CLI is a contract: exact JSON fields, stdin batch mode, exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from ingest.index import Index

from .conftest import ROOT

CITATION_KEYS = {"n", "source", "title", "jenis", "nomor", "tahun", "pasal", "ayat", "page", "path", "text", "score", "ocr", "warnings", "continues", "units"}


def asisten(*args: str, stdin: str | None = None, timeout: int = 600, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **env},
        timeout=timeout,
    )


def test_ask_json_schema(small_index):
    result = asisten("ask", "--index", str(small_index), "--json", "Berapa", "lama", "badan", "publik", "wajib", "menjawab", "permintaan", "informasi?")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    answer = json.loads(lines[0])
    assert set(answer) == {"question", "query", "answer", "found", "mode", "verification", "llm", "pending_vectors", "citations", "tables"}
    assert answer["pending_vectors"] == 0
    assert answer["mode"] == "extractive" and answer["verification"] is None and answer["llm"] is None
    assert answer["question"] == "Berapa lama badan publik wajib menjawab permintaan informasi?"
    assert isinstance(answer["found"], bool)
    assert [c["n"] for c in answer["citations"]] == [1, 2, 3, 4, 5]
    texts = {p.id: p.text for p in Index(small_index).catalog.passages()}
    for citation in answer["citations"]:
        assert set(citation) == CITATION_KEYS
        assert citation["text"] in texts.values()  # the full passage, not a snippet
        if citation["source"].endswith(".pdf"):
            assert isinstance(citation["page"], int) and citation["page"] >= 1
        assert citation["pasal"] is None or (isinstance(citation["pasal"], str) and not citation["pasal"].lower().startswith("pasal"))
    scores = [c["score"] for c in answer["citations"]]
    assert scores == sorted(scores, reverse=True)


def test_ask_reads_questions_from_stdin_and_honours_top_k(small_index):
    questions = "Apa yang dimaksud dengan Badan Publik?\n\nApa saja dimensi smart city?\n"
    result = asisten("ask", "--index", str(small_index), "--json", "--top-k", "3", "-", stdin=questions)
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert [a["question"] for a in answers] == ["Apa yang dimaksud dengan Badan Publik?", "Apa saja dimensi smart city?"]
    for answer in answers:  # the top 3, then any part that continues one of them and was quoted
        assert [c["continues"] for c in answer["citations"][:3]] == [None, None, None]
        assert all(1 <= c["continues"] <= 3 for c in answer["citations"][3:])


def test_ask_filters_by_jenis(small_index):
    result = asisten("ask", "--index", str(small_index), "--json", "--jenis", "Artikel Penelitian", "Apa yang dimaksud dengan Badan Publik?")
    answer = json.loads(result.stdout)
    assert answer["citations"] and {c["jenis"] for c in answer["citations"]} == {"Artikel Penelitian"}


def test_plain_answer_lists_sources(small_index):
    result = asisten("ask", "--index", str(small_index), "Apa yang dimaksud dengan Badan Publik?")
    assert result.returncode == 0
    assert "Sumber:" in result.stdout and "UU No. 14 Tahun 2008" in result.stdout


def test_empty_index_says_what_to_do(tmp_path):
    result = asisten("ask", "--index", str(tmp_path / "kosong"), "Apa itu SPBE?")
    assert result.returncode == 1
    assert "asisten ingest" in result.stderr


def test_bad_configuration_is_a_message_not_a_traceback(tmp_path):
    result = asisten("ask", "--index", str(tmp_path), "Apa itu SPBE?", ASISTEN_TOP_K="banyak")
    assert result.returncode == 2
    assert "ASISTEN_TOP_K" in result.stderr or "top_k" in result.stderr
    assert "Traceback" not in result.stderr



def test_an_english_user_gets_english_errors_help_and_citations(tmp_path, small_index):
    """ASISTEN_LANGUAGE=en reaches every line the CLI writes: configuration and embedder errors (UserError
    through the catalog), the --help text, and the wording of a citation ("Article 1 point 5, p. 2")."""
    bad = asisten("ask", "--index", str(tmp_path), "Apa itu SPBE?", ASISTEN_TOP_K="banyak", ASISTEN_LANGUAGE="en")
    assert bad.returncode == 2
    assert bad.stderr.strip() == "Configuration error: invalid value for setting 'top_k' (ASISTEN_TOP_K): 'banyak'"
    unknown = asisten("ask", "--index", str(small_index), "Apa itu SPBE?", ASISTEN_EMBEDDER="bogus", ASISTEN_LANGUAGE="en")
    assert unknown.returncode == 2 and unknown.stderr.startswith("Error: unknown embedder: 'bogus'"), unknown.stderr
    assert "filter by year (may repeat)" in asisten("ask", "--help", ASISTEN_LANGUAGE="en").stdout
    english = asisten("glossary", "--index", str(small_index), "Badan Publik", ASISTEN_LANGUAGE="en").stdout
    indonesian = asisten("glossary", "--index", str(small_index), "Badan Publik", ASISTEN_LANGUAGE="id").stdout
    assert re.search(r", Article 1 point \d+, p\. 2\n", english) and re.search(r", Pasal 1 angka \d+, hlm\. 2\n", indonesian)


EVAL_QUESTIONS = [
    {"id": "a", "question": "Apa yang dimaksud dengan Badan Publik?", "source": "uu-14-2008-keterbukaan-informasi-publik.pdf", "must_contain": ["Badan Publik adalah lembaga eksekutif"], "pasal": "1", "page": 2, "answer_keywords": ["eksekutif"], "kind": "definisi"},
    {"id": "b", "question": "Berapa tarif retribusi parkir sepeda motor di Kota Medan tahun 2030?", "source": None, "must_contain": [], "pasal": None, "page": None, "answer_keywords": [], "kind": "tidak_ada"},
    {"id": "c", "question": "Desa mana saja di Kabupaten Blitar yang masih blank spot?", "source": "skripsi-implementasi-perbup-blitar-22-2019-smart-city.md", "must_contain": ["masih terdapat 7 daerah blankspot"], "pasal": None, "page": None, "answer_keywords": ["Ngadipuro"], "kind": "penelitian"},
]


def test_eval_json_on_any_question_file(small_index, tmp_path):
    from assistant.evaluation import load_questions, split_of

    questions = tmp_path / "q.jsonl"
    questions.write_text("".join(json.dumps(q) + "\n" for q in EVAL_QUESTIONS[:2]), encoding="utf-8")
    result = asisten("eval", str(questions), "--index", str(small_index), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {"hit@1", "hit@3", "hit@5", "hit@10", "mrr", "refusal_accuracy", "all_keywords"} <= set(report["metrics"])
    assert [q["id"] for q in report["questions"]] == ["a", "b"]
    assert report["metrics"]["hit@5"] == 1.0
    assert report["metrics"]["refusal_accuracy"] == 1.0
    # both halves side by side, each scoring exactly the questions the fixed rule puts there
    assert set(report["by_split"]) == {"tune", "test", "all"} and report["by_split"]["all"] == report["metrics"]
    halves = {q.id: split_of(q) for q in load_questions(questions)}
    assert {q["id"]: q["split"] for q in report["questions"]} == halves
    for half in ("tune", "test"):
        assert report["by_split"][half]["questions"] == list(halves.values()).count(half)
    for q in report["questions"]:
        assert q["all_keywords"] == (None if q["keywords"] is None else q["found"] and q["keywords"] == 1.0)


def test_eval_scores_one_half_with_split(small_index, tmp_path):
    """--split test leaves out every question of a tuning document; the text report shows the half's column."""
    from assistant.evaluation import load_questions, split_of

    questions = tmp_path / "q.jsonl"
    questions.write_text("".join(json.dumps(q) + "\n" for q in EVAL_QUESTIONS), encoding="utf-8")
    test_half = [q.id for q in load_questions(questions) if split_of(q) == "test"]
    assert "c" in test_half and "a" not in test_half  # the skripsi is a test document, UU 14/2008 a tuning one
    result = asisten("eval", str(questions), "--index", str(small_index), "--split", "test")
    assert result.returncode == 0, result.stderr
    assert f"{len(test_half)} pertanyaan" in result.stdout and "(split: test)" in result.stdout
    header = result.stdout.splitlines()[1].split()
    assert header == ["test"]
    result = asisten("eval", str(questions), "--index", str(small_index), "--split", "test", "--json")
    report = json.loads(result.stdout)
    assert [q["id"] for q in report["questions"]] == test_half and set(report["by_split"]) == {"test"}


def test_a_question_file_with_an_id_twice_is_a_message(small_index, tmp_path):
    """Results, comparisons and the half of an unanswerable question are keyed by id: a second use is refused."""
    questions = tmp_path / "twice.jsonl"
    line = {"question": "Apa itu SPBE?", "source": None, "must_contain": [], "answer_keywords": ["tidak"], "kind": "tidak_ada"}
    questions.write_text("\n".join(json.dumps({"id": "a1", **line}) for _ in range(2)) + "\n", encoding="utf-8")
    result = asisten("eval", str(questions), "--index", str(small_index))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"{questions}:2: id pertanyaan a1 sudah dipakai di baris 1" in result.stderr
