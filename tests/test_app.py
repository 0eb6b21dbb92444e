"""The minimal Streamlit app, run for real with Streamlit's AppTest against a real index."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from .conftest import ROOT


def test_question_gets_answer_and_cited_sources(small_index, monkeypatch):
    monkeypatch.setenv("ASISTEN_INDEX", str(small_index))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
    assert not app.exception
    app.text_input[0].input("Apa yang dimaksud dengan Badan Publik?").run()
    assert not app.exception
    answer = "\n".join(m.value for m in app.markdown)
    assert "Badan Publik adalah" in answer and "[1]" in answer
    labels = [e.label for e in app.expander]
    assert labels and labels[0].startswith("[1] UU No. 14 Tahun 2008") and "Pasal 1" in labels[0] and "hlm." in labels[0]


def test_empty_index_tells_how_to_ingest(tmp_path, monkeypatch):
    monkeypatch.setenv("ASISTEN_INDEX", str(tmp_path / "kosong"))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
    assert not app.exception
    assert any("asisten ingest" in w.value for w in app.warning)
