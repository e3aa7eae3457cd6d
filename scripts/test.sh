#!/usr/bin/env bash
# Set up everything the test suite needs and run it. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
./install.sh --dev
.venv/bin/ruff check src tests bench
.venv/bin/python -m pytest -q -ra "$@"
