#!/usr/bin/env bash
# Set up what the tests need (see tools/setup.sh), then run lint, format check, the type check and
# the test suite offscreen, then the wheel smoke test (tools/wheel_smoke.py). Extra arguments go
# to pytest and skip the wheel smoke test, e.g. bash tools/run-tests.sh -m "not gui".
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy  # qmsdesk/, as [tool.mypy] in pyproject.toml says: zero errors
# On every core (pytest-xdist); extra arguments come after, so `-n 0` runs it in one process.
.venv/bin/python -m pytest -n auto "$@"
# The whole run (no arguments, as CI calls it) also installs the wheel outside the tree and runs
# every command against it: a resource missing from the package fails here.
if [ $# -eq 0 ]; then
  .venv/bin/python tools/wheel_smoke.py
fi
