#!/usr/bin/env bash
# Set up everything the test suite needs and run it. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
./install.sh --dev
# The Ray executor's test runs on a local Ray cluster; Ray is an optional extra, installed here.
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[ray]"
# The language toolchains the multilingual tests run (Debian + npm); tests of a language whose
# toolchain is missing are skipped with the reason. Needs root (CI and the dev machines are root).
if [[ $(id -u) -eq 0 ]]; then
  bash scripts/install-toolchains.sh || echo "some toolchains could not be installed: see above"
  # The report tests open pages in Debian's headless Chromium (never a downloaded browser).
  if ! command -v chromium >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends chromium >/dev/null || echo "chromium could not be installed"
  fi
else
  echo "not root: skipping scripts/install-toolchains.sh (run it with sudo to test every language)"
fi
.venv/bin/ruff check src tests bench
.venv/bin/python -m pytest -q -ra "$@"
