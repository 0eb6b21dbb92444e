"""The raw-rate probe of evaluations/bench_ingest.py embeds a batch with the build's mix of passage lengths."""

from __future__ import annotations

import importlib
import sys

from .conftest import ROOT


def test_representative_sample_steps_evenly_through_the_lengths():
    sys.path.insert(0, str(ROOT / "evaluations"))
    probe = importlib.import_module("ingest_probe")
    texts = [f"Pasal {n} " + "ayat " * n for n in range(8, 0, -1)] + ["Pasal 3 " + "ayat " * 3]  # one repeated
    sample = probe.representative_sample(texts, 4)
    assert [text.count("ayat") for text in sample] == [1, 3, 5, 7]
    everything = probe.representative_sample(texts, 20)
    assert [text.count("ayat") for text in everything] == list(range(1, 9))  # each distinct text once
