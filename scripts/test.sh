#!/usr/bin/env bash
# The one test command (README): install test tools, then ruff, mypy and pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install -q -r requirements-dev.txt
python -m ruff check .
python -m ruff format --check .
python -m mypy
python -m pytest "$@"
