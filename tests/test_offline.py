"""Nothing leaves the machine: ingest, ask, an LLM answer and the app (AppTest and a real `streamlit run`
server with a browser session) run with every outbound connection blocked, with LangSmith/LangChain
tracing switched on in the environment (telemetry settings themselves:
tests/test_pipeline.py::test_telemetry_is_off).

The child runs inside a network namespace with only loopback (`unshare -n`, when the system allows
it) and with a socket guard (sitecustomize) that refuses and records any non-loopback connection or
name lookup, including from libraries. The run must succeed and the record must stay empty. A server
the test itself talks to runs with the guard only.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from assistant.config import keep_tracing_off, load_settings
from assistant.llm import load_backend, remote_llm_url
from assistant.service import Assistant

from .conftest import ROOT
from .make_files import regulation_lines, write_regulation_pdf
from .test_app import APP, start, texts
from .test_browser import CHROMEDRIVER, CHROMIUM, QUESTION, browser, run_finished, streamlit_server  # noqa: F401 - browser is a fixture
from .test_llm import gemma_gguf  # noqa: F401 - fixture

GUARD = '''
import os, socket

_LOG = os.environ["NETGUARD_LOG"]
_LOCAL_NAMES = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "", None}


def _is_local(host):
    host = host.decode() if isinstance(host, bytes) else host
    return host in _LOCAL_NAMES or str(host).startswith("127.") or str(host).startswith("::ffff:127.")


def _refuse(what):
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(what + "\\n")
    raise OSError(101, "network blocked by test: " + what)


_connect, _connect_ex, _getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo


def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
        _refuse("connect %r" % (address,))
    return _connect(self, address)


def connect_ex(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
        _refuse("connect_ex %r" % (address,))
    return _connect_ex(self, address)


def getaddrinfo(host, *args, **kwargs):
    if not _is_local(host):
        _refuse("getaddrinfo %r" % (host,))
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = connect, connect_ex, getaddrinfo
'''

# The guard is active: an outside connection fails (and is recorded first, then checked by the parent).
PROBE = '''
import socket, sys
try:
    socket.create_connection(("93.184.216.34", 80), timeout=2)
    sys.exit("guard inactive")
except OSError:
    pass
'''

CHILD = PROBE + '''
import json
from assistant.cli import main

corpus, index = sys.argv[1], sys.argv[2]
assert main(["ingest", corpus, "--index", index, "--quiet"]) == 0
assert main(["ask", "--index", index, "--json", "Berapa lama kopi tubruk wajib disajikan?"]) == 0

from streamlit.testing.v1 import AppTest

app = AppTest.from_file("app.py", default_timeout=300).run()
assert not app.exception, app.exception
box = app.chat_input or app.text_input
box[0].set_value("Berapa lama kopi tubruk wajib disajikan?").run()
assert not app.exception, app.exception
print("APP-OK")
'''


def _namespace_prefix() -> list[str]:
    """`unshare -n` when this system lets us make a loopback-only network namespace, else nothing."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        return [unshare, "-n"]
    return []


LLM_CHILD = PROBE + '''
from assistant.cli import main

sys.exit(main(["ask", "--index", sys.argv[1], "--json", "--llm", sys.argv[2], sys.argv[3]]))
'''
# What a developer's shell or a server profile may carry: with these, LangChain sends every prompt to LangSmith.
TRACING = {
    "LANGSMITH_TRACING": "true",
    "LANGCHAIN_TRACING_V2": "true",
    "LANGSMITH_API_KEY": "lsv2_pt_0123456789abcdef",
    "LANGCHAIN_API_KEY": "lsv2_pt_0123456789abcdef",
    "LANGSMITH_ENDPOINT": "https://api.smith.langchain.com",
    "LANGSMITH_PROJECT": "asisten-regulasi",
}


def guarded_env(tmp_path: Path, **extra: str) -> tuple[dict[str, str], Path]:
    """A child environment with the socket guard on its path, and the file the guard records attempts in."""
    guard_dir = tmp_path / "guard"
    guard_dir.mkdir(exist_ok=True)
    (guard_dir / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = tmp_path / "blocked.log"
    # Only what the product sets for itself: no offline switches inherited from the test session.
    env = {k: v for k, v in os.environ.items() if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "ANONYMIZED_TELEMETRY")}
    env.update(PYTHONPATH=f"{guard_dir}{os.pathsep}{ROOT}", NETGUARD_LOG=str(log), **extra)
    return env, log


def outbound_attempts(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def run_guarded(child: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*_namespace_prefix(), sys.executable, "-c", child, *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=900
    )


def test_ingest_ask_and_app_work_with_the_network_blocked(tmp_path):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    write_regulation_pdf(corpus / "perbup-kopi.pdf", "kopi tubruk")
    lines = regulation_lines("teh", "teh manis") + ["Pasal 4", "Kopi tubruk wajib disajikan paling lambat 7 (tujuh) menit."]
    (corpus / "perbup-teh.txt").write_text("\n".join(lines), encoding="utf-8")
    env, log = guarded_env(tmp_path, ASISTEN_INDEX=str(index_dir))
    result = run_guarded(CHILD, str(corpus), str(index_dir), env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "APP-OK" in result.stdout
    answer = json.loads(next(line for line in result.stdout.splitlines() if line.startswith("{")))
    assert answer["found"] and "7 (tujuh) menit" in answer["answer"]
    attempts = outbound_attempts(log)
    assert "93.184.216.34" in attempts[0]  # the child's own probe
    assert attempts[1:] == [], f"outbound attempts: {attempts[1:]}"


@pytest.mark.slow
def test_llm_answer_with_tracing_switched_on_stays_on_the_machine(tmp_path, small_index, gemma_gguf):
    env, log = guarded_env(tmp_path, ASISTEN_LLM_MAX_TOKENS="32", ASISTEN_LLM_CONTEXT="1024", **TRACING)
    spec = f"llamacpp:{gemma_gguf}"
    result = run_guarded(LLM_CHILD, str(small_index), spec, "Apa yang dimaksud dengan Badan Publik?", env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    answer = json.loads(result.stdout)
    assert answer["llm"]["backend"] == spec and answer["llm"]["completion_tokens"] > 0  # the model did answer
    attempts = outbound_attempts(log)
    assert "93.184.216.34" in attempts[0]
    assert attempts[1:] == [], f"outbound attempts: {attempts[1:]}"


@pytest.mark.slow
@pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()), reason="chromium/chromium-driver not installed (scripts/install.sh)")
def test_streamlit_server_and_a_browser_session_stay_on_the_machine(tmp_path, small_index, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    env, log = guarded_env(tmp_path, ASISTEN_INDEX=str(small_index), ASISTEN_FEEDBACK=str(tmp_path / "feedback.sqlite"), **TRACING)
    with streamlit_server(env, tmp_path / "streamlit.log") as url:
        browser.get(url)
        wait = WebDriverWait(browser, 240)
        box = wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid='stChatInputTextArea']")))
        box.send_keys(QUESTION, Keys.ENTER)
        wait.until(lambda d: "Badan Publik adalah" in d.find_element(By.TAG_NAME, "body").text)
        wait.until(run_finished)
        fetched = browser.execute_script("return performance.getEntriesByType('resource').map(entry => entry.name)")
    assert fetched and {urlsplit(address).hostname for address in fetched if address.startswith("http")} == {"127.0.0.1"}
    assert outbound_attempts(log) == [], f"outbound attempts: {outbound_attempts(log)}"


def test_tracing_variables_are_dropped_and_tracing_switched_off():
    environ = {**TRACING, "LANGCHAIN_ENDPOINT": "https://eu.api.smith.langchain.com", "LANGSMITH_OTEL_ENABLED": "true", "PATH": "/usr/bin"}
    keep_tracing_off(environ)
    assert environ == {
        "PATH": "/usr/bin",
        "LANGSMITH_TRACING": "false",
        "LANGSMITH_TRACING_V2": "false",
        "LANGCHAIN_TRACING": "false",
        "LANGCHAIN_TRACING_V2": "false",
    }


def test_llm_server_on_another_machine_needs_explicit_permission(small_index, embedder):
    settings = load_settings(index=small_index, llm_base_url="http://llm.example.org:8000/v1")
    answer = Assistant(settings, embedder=embedder).ask("Apa yang dimaksud dengan Badan Publik?", llm="openai:qwen")
    assert answer.verification.verdict == "unavailable" and answer.mode == "extractive" and answer.found
    assert answer.text.startswith("Model bahasa openai:qwen tidak dipakai: http://llm.example.org:8000/v1 bukan alamat di mesin ini.")
    assert remote_llm_url("ollama:qwen", replace(settings, ollama_host="http://10.0.0.5:11434")) == "http://10.0.0.5:11434"
    for local in ("http://127.0.0.1:8080/v1", "http://localhost:11434/v1", "http://[::1]:8000/v1", f"http://{socket.gethostname()}:8000/v1"):
        assert remote_llm_url("openai:qwen", replace(settings, llm_base_url=local)) is None, local
    assert remote_llm_url("ollama:qwen", replace(settings, ollama_host="127.0.0.1:11434")) is None
    assert load_backend("openai:qwen", replace(settings, allow_remote_llm=True)).name == "openai:qwen"  # allowed: set up


def test_app_says_when_a_remote_llm_is_allowed(small_index, monkeypatch, tmp_path):
    monkeypatch.setenv("ASISTEN_INDEX", str(small_index))
    monkeypatch.setenv("ASISTEN_FEEDBACK", str(tmp_path / "feedback.sqlite"))
    monkeypatch.setenv("ASISTEN_LLM", "openai:qwen")
    monkeypatch.setenv("ASISTEN_LLM_BASE_URL", "http://llm.example.org:8000/v1")
    monkeypatch.delenv("ASISTEN_CONFIG", raising=False)
    monkeypatch.delenv("ASISTEN_LANGUAGE", raising=False)
    assert not start(APP).sidebar.warning  # not allowed: nothing is sent there, nothing to say
    monkeypatch.setenv("ASISTEN_ALLOW_REMOTE_LLM", "true")
    notice = texts(start(APP).sidebar.warning)  # shown as text: the URL is not a live link
    assert notice == (
        "Mode openai:qwen mengirim pertanyaan dan kutipan dokumen ke server di luar mesin ini "
        "(http://llm.example.org:8000/v1), diizinkan oleh ASISTEN_ALLOW_REMOTE_LLM."
    )
