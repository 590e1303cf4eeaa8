#!/usr/bin/env bash
# Set up what the app needs (see tools/setup.sh --gui), then start QMS Desk on the demo company.
# The demo file is written to the user data folder the first time.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh --gui
exec .venv/bin/qmsdesk "$@"
