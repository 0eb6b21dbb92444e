"""evaluations/bench_fuzz.py runs end to end on a tiny budget and reports every figure it promises.

The figures themselves are the benchmark's output, not asserted here (today's code has known
findings); this proves the run works: real ingest, real Assistant in its worker, real rendering.
"""

from __future__ import annotations

import importlib
import sys

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def bench_fuzz():
    sys.path.insert(0, str(ROOT / "evaluations"))  # the ask worker (spawned) imports the module by name
    return importlib.import_module("bench_fuzz")


def test_payload_detection_on_rendered_markdown(bench_fuzz):
    assert bench_fuzz.surviving_payloads("![x](http://e.example/p.png)") == ["image"]
    assert bench_fuzz.surviving_payloads("[klik](http://e.example/a) dan [lokal](http://127.0.0.1:8501/)") == ["link"]
    assert bench_fuzz.surviving_payloads("lihat http://e.example/a") == ["bare_url"]
    assert bench_fuzz.surviving_payloads(r"\<img src=x\> dan \!\[x\]\(http\:\/\/e\.example\)") == []
    assert bench_fuzz.surviving_payloads("Pasal 1 ayat (2) [dicabut]") == []


def test_hostile_questions_are_seeded_and_reach_the_long_length(bench_fuzz):
    first, again = bench_fuzz.hostile_questions(3, 40), bench_fuzz.hostile_questions(3, 40)
    assert first == again
    assert {kind for kind, _ in first} == set(bench_fuzz.QUESTION_KINDS)
    assert sum(len(q) == bench_fuzz.LONG for _, q in first) == 4


def test_tiny_run_reports_every_figure(bench_fuzz, embedder, tmp_path):
    figures = bench_fuzz.run(
        seed=5, questions=3, documents=3, embedder=embedder, question_timeout=10, question_budget=60, workdir=tmp_path
    )
    assert figures["ingest"]["documents"] == 3 and sum(figures["ingest"]["outcomes"].values()) == 3
    assert figures["ask"]["asked"] == 3 and sum(figures["ask"]["outcomes"].values()) == 3
    assert figures["ask"]["long_latency"]["samples"] == 1  # the first of every ten questions is 10,000 characters
    assert figures["render"]["texts"] > 0
    for field in ("crashes", "surviving_payloads", "inconsistent_after_fault"):
        assert isinstance(figures[field], int)
    report = bench_fuzz.table(figures)
    for row in ("crashes (goal 0)", "latency at 10,000 chars", "surviving payloads (goal 0)", "index whole after each fault"):
        assert row in report
    assert not list(tmp_path.iterdir())  # the temporary corpus and index are gone
