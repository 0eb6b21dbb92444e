"""The whole bundled corpus through the real CLI, then the gold question set (slow: ~15 min)."""

from __future__ import annotations

import json
import re

import pytest

from .conftest import CORPUS, ROOT
from .test_cli import asisten

# The cold build of 30 documents (OCR of the scanned SOPs, ~3,300 passages to embed) takes ~25 min on
# 2 cores: more than the default per-test limit.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(3600)]


@pytest.fixture(scope="module")
def full_index(tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("full-index")
    result = asisten("ingest", str(CORPUS), "--index", str(index_dir), "--quiet", timeout=3600)
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"30 dokumen diindeks \(\d+ halaman, \d+ bagian", result.stdout), result.stdout
    return index_dir


def test_reingest_of_unchanged_corpus_does_no_work(full_index):
    result = asisten("ingest", str(CORPUS), "--index", str(full_index), "--quiet")
    assert result.returncode == 0
    assert "0 dokumen diindeks" in result.stdout and "30 tidak berubah" in result.stdout


def test_gold_set_retrieval_targets(full_index):
    result = asisten("eval", str(ROOT / "evaluations" / "gold.jsonl"), "--index", str(full_index), "--json")
    assert result.returncode == 0, result.stderr
    metrics = json.loads(result.stdout)["metrics"]
    print(json.dumps(metrics, indent=1))
    assert metrics["hit@5"] >= 0.90
    assert metrics["refusal_accuracy"] >= 0.75
