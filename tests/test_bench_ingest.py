"""The raw-rate probe of evaluations/bench_ingest.py embeds a batch with the build's mix of passage lengths,
and the bench sums up a build's embedder calls one by one."""

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


def test_call_profile_separates_the_first_call_the_large_ones_and_the_small_ones():
    sys.path.insert(0, str(ROOT / "evaluations"))
    bench = importlib.import_module("bench_ingest")
    sizes, tokens, seconds = [128, 128, 128, 128, 3], [4000, 3000, 6000, 3000, 90], [9.0, 1.0, 3.0, 3.0, 0.5]
    cells = bench.call_profile(sizes, tokens, seconds, small=16).split(" | ")
    assert cells[0] == "128, 4,000, 9.0"  # the first call alone: it starts the torch child
    assert cells[1] == "3"
    assert cells[2] == "1714, 1000, 2000, 3000"  # 12,000 tokens in 7 s; the three calls' own rates
    assert cells[3] == "3, 90, 0.5"
