"""The app cannot start: a broken embedder setting, a read-only or a damaged index each show a clear
message in the app (never a traceback), run for real with Streamlit's AppTest."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ingest.index import Index
from ingest.pipeline import ingest

from .conftest import ROOT
from .test_app import APP, texts
from .test_crash import _write_v1

# Root ignores file permissions; without these two capabilities it obeys them like any user.
_AS_PLAIN_USER = ["setpriv", "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]
CHILD = """
import json, sys
from streamlit.testing.v1 import AppTest
app = AppTest.from_file(sys.argv[1], default_timeout=300).run()
print(json.dumps({"exceptions": [str(e.value) for e in app.exception], "errors": [str(e.value) for e in app.error]}))
"""


@pytest.fixture(scope="module")
def tiny_index(tmp_path_factory, embedder) -> Path:
    root = tmp_path_factory.mktemp("tiny")
    (root / "corpus").mkdir()
    _write_v1(root / "corpus")
    ingest([root / "corpus"], Index(root / "index"), embedder, progress=False)
    return root / "index"


@pytest.fixture
def app_env(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("ASISTEN_FEEDBACK", str(tmp_path / "feedback.sqlite"))
    for name in ("ASISTEN_LANGUAGE", "ASISTEN_CONFIG", "ASISTEN_EMBEDDER", "ASISTEN_CHROMA_URL"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def _start_failing(app_path: str = APP) -> str:
    app = AppTest.from_file(app_path, default_timeout=300).run()
    assert not app.exception, [e.value for e in app.exception]
    assert not app.chat_input  # the app stopped after its message
    return texts(app.error)


def _copy_index(index: Path, target: Path) -> Path:
    shutil.copytree(index, target, ignore=shutil.ignore_patterns("ingest.lock"))
    return target


def test_a_broken_embedder_setting_is_a_message(app_env, monkeypatch):
    monkeypatch.setenv("ASISTEN_INDEX", str(app_env / "index"))
    monkeypatch.setenv("ASISTEN_EMBEDDER", f"st:{app_env / 'tidak-ada'}")
    shown = _start_failing()
    assert "Model embedding tidak dapat dimuat" in shown and "folder model tidak ditemukan" in shown
    assert "ASISTEN_EMBEDDER" in shown


def test_a_broken_embedder_setting_is_told_in_the_configured_language(app_env, monkeypatch):
    """The embedder's own error (a UserError) is worded by the catalog too, not only the app's frame around it."""
    monkeypatch.setenv("ASISTEN_INDEX", str(app_env / "index"))
    monkeypatch.setenv("ASISTEN_EMBEDDER", f"st:{app_env / 'tidak-ada'}")
    monkeypatch.setenv("ASISTEN_LANGUAGE", "en")
    shown = _start_failing()
    assert "The embedding model cannot be loaded: model folder not found or incomplete" in shown and "tidak ditemukan" not in shown


def test_a_damaged_index_is_a_message_in_the_configured_language(app_env, tiny_index, monkeypatch):
    index = _copy_index(tiny_index, app_env / "rusak")
    (index / "chroma" / "chroma.sqlite3").write_bytes(os.urandom(64 * 1024))
    monkeypatch.setenv("ASISTEN_INDEX", str(index))
    monkeypatch.setenv("ASISTEN_LANGUAGE", "en")
    shown = _start_failing()
    assert "The app cannot open the index at" in shown and "not a database" in shown and "asisten ingest --rebuild" in shown


@pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"), reason="as root, a read-only folder needs setpriv")
def test_a_read_only_index_is_a_message(app_env, tiny_index):
    index = _copy_index(tiny_index, app_env / "hanya-baca")
    for path in [index, *index.rglob("*")]:
        path.chmod(path.stat().st_mode & ~0o222)
    env = {**os.environ, "ASISTEN_INDEX": str(index), "PYTHONPATH": str(ROOT)}
    command = [*(_AS_PLAIN_USER if os.geteuid() == 0 else []), sys.executable, "-c", CHILD, APP]
    try:
        result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    finally:
        for path in [index, *index.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o200)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert not shown["exceptions"]
    assert any("Aplikasi tidak dapat membuka indeks" in e and "izin tulis" in e and "readonly" in e for e in shown["errors"]), shown
