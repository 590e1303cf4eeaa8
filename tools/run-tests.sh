#!/usr/bin/env bash
# Set up what the tests need (see tools/setup.sh), then run lint, format check and the test suite
# offscreen. Extra arguments go to pytest, e.g. bash tools/run-tests.sh -m "not gui".
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"
