#!/usr/bin/env bash
# Issue 16, goal 4: a newcomer's first cited answer. Clones this checkout into a fresh directory, runs the
# README's first command there step by step (install for running, ingest with vectors deferred, the app),
# and prints the seconds from the start to each step and to the first `asisten ask` that cites a passage.
# pip's cache is off (PIP_NO_CACHE_DIR), so packages come from the registries as on a new machine; system
# packages already installed are not reinstalled. The app is stopped at the end.
#
#   bash evaluations/bench_first_answer.sh [WORKDIR]
set -euo pipefail
SOURCE="$(cd "$(dirname "$0")/.." && pwd)"
WORKDIR="${1:-$(mktemp -d)/asisten}"
PORT="${PORT:-8599}"
QUESTION="Berapa lama masa jabatan kepala daerah?"
CITED="Pasal 60"  # UU 23/2014, bundled
git -c advice.detachedHead=false clone -q "$SOURCE" "$WORKDIR"
cd "$WORKDIR"
export PIP_NO_CACHE_DIR=1
start=$(date +%s.%N)
elapsed() { printf '%-22s %7.1f s\n' "$1" "$(echo "$(date +%s.%N) - $start" | bc)"; }
bash scripts/install.sh run > install.log 2>&1; elapsed "installed"
.venv/bin/asisten ingest --defer-vectors > ingest.log 2>&1; elapsed "parsed and indexed"
.venv/bin/streamlit run app.py --server.headless true --server.port "$PORT" > app.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
until curl -sf "http://localhost:$PORT/_stcore/health" > /dev/null; do sleep 0.5; done; elapsed "app answering HTTP"
until .venv/bin/asisten ask "$QUESTION" 2> /dev/null | grep -q "$CITED"; do sleep 1; done; elapsed "first cited answer"
