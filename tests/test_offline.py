"""Nothing leaves the machine: ingest, ask and the app run with every outbound connection blocked
(telemetry settings themselves: tests/test_pipeline.py::test_telemetry_is_off).

The child runs inside a network namespace with only loopback (`unshare -n`, when the system allows
it) and with a socket guard (sitecustomize) that refuses and records any non-loopback connection or
name lookup, including from libraries. The run must succeed and the record must stay empty.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT
from .make_files import regulation_lines, write_regulation_pdf

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

CHILD = '''
import json, socket, sys
from assistant.cli import main

# The guard is active: an outside connection fails (and is recorded, then cleared by the parent check).
try:
    socket.create_connection(("93.184.216.34", 80), timeout=2)
    sys.exit("guard inactive")
except OSError:
    pass
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


def test_ingest_ask_and_app_work_with_the_network_blocked(tmp_path):
    corpus, index_dir, guard_dir = tmp_path / "corpus", tmp_path / "index", tmp_path / "guard"
    corpus.mkdir()
    guard_dir.mkdir()
    write_regulation_pdf(corpus / "perbup-kopi.pdf", "kopi tubruk")
    lines = regulation_lines("teh", "teh manis") + ["Pasal 4", "Kopi tubruk wajib disajikan paling lambat 7 (tujuh) menit."]
    (corpus / "perbup-teh.txt").write_text("\n".join(lines), encoding="utf-8")
    (guard_dir / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = tmp_path / "blocked.log"
    # Only what the product sets for itself: no offline switches inherited from the test session.
    env = {k: v for k, v in os.environ.items() if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "ANONYMIZED_TELEMETRY")}
    env.update(PYTHONPATH=f"{guard_dir}{os.pathsep}{ROOT}", NETGUARD_LOG=str(log), ASISTEN_INDEX=str(index_dir))
    result = subprocess.run(
        [*_namespace_prefix(), sys.executable, "-c", CHILD, str(corpus), str(index_dir)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "APP-OK" in result.stdout
    answer = json.loads(next(line for line in result.stdout.splitlines() if line.startswith("{")))
    assert answer["found"] and "7 (tujuh) menit" in answer["answer"]
    attempts = log.read_text(encoding="utf-8").splitlines()
    assert "93.184.216.34" in attempts[0]  # the child's own probe
    assert attempts[1:] == [], f"outbound attempts: {attempts[1:]}"

