#!/usr/bin/env bash
# Set up execbench in ./.venv. Needs only Python >= 3.11 with venv and pip.
#   ./install.sh          the tool
#   ./install.sh --dev    plus the test and lint tools
set -euo pipefail
cd "$(dirname "$0")"
python="${PYTHON:-python3}"
extras=""
[[ "${1:-}" == "--dev" ]] && extras="[dev]"
[[ -x .venv/bin/python ]] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras}"
echo "execbench installed in $(pwd)/.venv (run .venv/bin/execbench --help)"
