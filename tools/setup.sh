#!/usr/bin/env bash
# Set up a fresh Debian/Ubuntu machine for QMS Desk: the Debian libraries Qt needs, a virtual
# environment in .venv, and the package with its development tools. Safe to run again: it only
# installs what is missing. Usage: bash tools/setup.sh [--gui]   (--gui adds the X11/xcb libraries
# a real desktop window needs; tests run offscreen without them)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core)
if [ "${1:-}" = "--gui" ]; then
  packages+=(libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
             libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0
             libx11-xcb1)
fi
python3 -c 'import ensurepip, venv' 2>/dev/null || packages+=(python3-venv python3-pip)

if command -v dpkg >/dev/null 2>&1; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing Debian packages: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi

python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "QMS Desk needs Python 3.11 or newer; this python3 is $(python3 --version)." >&2
  exit 1
}
[ -x .venv/bin/python ] || python3 -m venv .venv
# Reinstall only when pyproject.toml or the version changed since the last install (the
# installed metadata, which importlib.metadata and the wheel read, holds the version).
stamp=.venv/.qmsdesk-installed
want=$(cat pyproject.toml qmsdesk/__init__.py | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev]"
  echo "$want" > "$stamp"
fi
