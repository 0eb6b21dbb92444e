"""The same code against a real `chroma run` server on a loopback port (ASISTEN_CHROMA_URL)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest.index import Index, collection_name

from .conftest import CORPUS, ROOT, free_port


@pytest.fixture
def chroma_server(tmp_path):
    port = free_port()
    chroma = Path(sys.executable).parent / "chroma"
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("chroma run did not start within 60 s")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=30)


def _asisten(*args: str, env: dict, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args], input=stdin, capture_output=True, text=True, env=env, cwd=ROOT, timeout=900
    )


def test_ingest_and_ask_through_a_chroma_server(tmp_path, chroma_server):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "pp-38-2017-inovasi-daerah.md", corpus)
    env = {**os.environ, "ASISTEN_CHROMA_URL": chroma_server, "ASISTEN_INDEX": str(tmp_path / "index")}

    ingested = _asisten("ingest", str(corpus), "--quiet", env=env)
    assert ingested.returncode == 0, ingested.stderr
    assert "1 dokumen diindeks" in ingested.stdout
    # The vectors live in the server, not in a local Chroma folder.
    assert not (tmp_path / "index" / "chroma").exists()
    assert (tmp_path / "server-data").exists()

    asked = _asisten("ask", "--json", "Apa yang dimaksud dengan Inovasi Daerah?", env=env)
    assert asked.returncode == 0, asked.stderr
    result = json.loads(asked.stdout)
    assert result["found"] is True
    assert result["citations"][0]["source"] == "pp-38-2017-inovasi-daerah.md"
    assert "pembaharuan dalam penyelenggaraan Pemerintahan Daerah" in result["citations"][0]["text"]

    # A rebuild builds a new collection beside the live one, swaps, then deletes the old collection.
    rebuilt = _asisten("ingest", str(corpus), "--rebuild", "--quiet", env=env)
    assert rebuilt.returncode == 0, rebuilt.stderr
    again = _asisten("ask", "--json", "Apa yang dimaksud dengan Inovasi Daerah?", env=env)
    assert json.loads(again.stdout)["citations"][0]["text"] == result["citations"][0]["text"]
    index = Index(tmp_path / "index", chroma_server)
    assert index.generation and [c.name for c in index.client.list_collections()] == [collection_name(index.generation)]
