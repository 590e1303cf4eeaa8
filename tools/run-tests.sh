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
if [ $# -gt 0 ]; then
  .venv/bin/python -m pytest -n auto "$@"  # on every core; `-n 0` after it runs one process
  exit
fi
# The whole run, as CI calls it: the tests on every core (pytest-xdist), then the few that measure
# time (marked `alone`) by themselves, then the wheel installed outside the tree and every command
# run against it (a resource missing from the package fails here).
.venv/bin/python -m pytest -n auto -m "not alone"
.venv/bin/python -m pytest -m alone
.venv/bin/python tools/wheel_smoke.py
