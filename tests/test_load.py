"""Many questions at once against one loaded index: threads in one process and processes on the same
index give no errors and the same answers as asked one by one (bounded here; the full 50-question
run with timings is evaluations/bench_load.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from assistant.service import answer_json

from .conftest import ROOT

QUESTIONS = [
    "Apa yang dimaksud dengan Badan Publik?",
    "Berapa lama badan publik wajib menjawab permintaan informasi?",
    "Apa saja dimensi smart city Kabupaten Blitar?",
    "Informasi apa yang dikecualikan?",
    "Apa tugas Komisi Informasi?",
    "Siapa yang berhak memperoleh informasi publik?",
    "Berapa tarif retribusi parkir sepeda motor di Kota Medan tahun 2030?",
    "Apa sanksi bagi badan publik yang tidak menyediakan informasi?",
]
THREADS = 4
ROUNDS = 3  # 24 questions in flight across 4 threads


def test_threads_on_one_assistant_give_stable_answers(small_assistant):
    expected = {q: answer_json(small_assistant.ask(q)) for q in QUESTIONS}
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        answers = list(pool.map(lambda q: (q, answer_json(small_assistant.ask(q))), QUESTIONS * ROUNDS))
    assert len(answers) == len(QUESTIONS) * ROUNDS
    for question, answer in answers:
        assert answer == expected[question]


def test_processes_on_the_same_index_give_the_same_answers(small_index, small_assistant):
    expected = [answer_json(small_assistant.ask(q)) for q in QUESTIONS]
    command = [sys.executable, "-m", "assistant.cli", "ask", "--index", str(small_index), "--json", "-"]
    children = [
        subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        for _ in range(2)
    ]
    outputs = [child.communicate("\n".join(QUESTIONS), timeout=600) for child in children]
    for child, (stdout, stderr) in zip(children, outputs):
        assert child.returncode == 0, stderr
        assert [json.loads(line) for line in stdout.splitlines()] == expected
