#!/usr/bin/env bash
# Set up execbench in ./.venv. Needs Python >= 3.11 with venv and pip, and npm for the charts
# in HTML reports (optional for use, required with --dev).
#   ./install.sh          the tool
#   ./install.sh --dev    plus the test and lint tools
set -euo pipefail
cd "$(dirname "$0")"
python="${PYTHON:-python3}"
extras=""
[[ "${1:-}" == "--dev" ]] && extras="[dev]"
[[ -x .venv/bin/python ]] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras}"
# An editable install leaves the sources uncompiled: compile them now, so that every process a run
# starts (the command, its judge workers, their fork servers) reads bytecode even where the
# environment forbids writing it at import time (PYTHONDONTWRITEBYTECODE).
.venv/bin/python -m compileall -q src/execbench >/dev/null
# The chart library the HTML reports embed (npm). The tests need it; a user without npm gets
# reports with every table but no charts.
if ! scripts/fetch-report-assets.sh; then
  [[ -n "$extras" ]] && exit 1
  echo "continuing without report charts"
fi
echo "execbench installed in $(pwd)/.venv (run .venv/bin/execbench --help)"
