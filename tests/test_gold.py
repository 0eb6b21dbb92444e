"""The question sets cannot rot: every evidence string occurs in its source's extracted text."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from assistant.evaluation import load_questions
from ingest.chunking import letters_and_digits
from ingest.cleaning import clean_pages
from ingest.loaders import load_pages
from ingest.pipeline import discover

from .conftest import CORPUS, ROOT

GOLD = ROOT / "evaluations" / "gold.jsonl"
KINDS = {"definisi", "daftar", "kewajiban", "jangka_waktu", "angka", "lookup_pasal", "penelitian", "tugas_fungsi", "tidak_ada"}


@lru_cache(maxsize=None)
def extracted(source: str) -> str:
    return letters_and_digits(" ".join(page.text for page in clean_pages(load_pages(CORPUS / source))))


def test_gold_set_shape():
    questions = load_questions(GOLD)
    assert len(questions) >= 120
    assert len({q.id for q in questions}) == len(questions)
    assert {q.kind for q in questions} <= KINDS
    assert sum(q.source is None for q in questions) >= 10
    covered = {q.source for q in questions if q.source}
    assert covered == {source for source, _ in discover([CORPUS])[0]}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        assert set(json.loads(line)) == {"id", "question", "source", "must_contain", "pasal", "page", "answer_keywords", "kind"}


@pytest.mark.parametrize("question", [q for q in load_questions(GOLD) if q.source], ids=lambda q: q.id)
def test_evidence_occurs_in_source(question):
    assert 1 <= len(question.must_contain) <= 3
    text = extracted(question.source)
    for needle in question.must_contain:
        assert letters_and_digits(needle) in text, f"{question.id}: {needle!r} not in {question.source}"
