#!/usr/bin/env bash
# The one test command (README): install test tools, then ruff, mypy and pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install -q -r requirements-dev.txt
# axe-core for the accessibility tests, pinned by tests/e2e/package-lock.json (never a CDN).
if command -v npm >/dev/null 2>&1; then
  npm ci --prefix tests/e2e --no-audit --no-fund --silent
fi
python -m ruff check .
python -m ruff format --check .
python -m mypy
python -m pytest "$@"
