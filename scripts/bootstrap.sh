#!/usr/bin/env bash
# Create .venv if missing and install the project with the given extras, pinned by constraints.txt.
# Idempotent: skips pip when pyproject.toml, constraints.txt and the extras are unchanged since the last run.
# Usage: scripts/bootstrap.sh server,desktop[,dev]
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-server,desktop}"
py="${PYTHON:-python3}"
if ! "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "error: Python >= 3.11 is required ($("$py" --version 2>&1) found)" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  if ! "$py" -m venv .venv; then
    echo "error: could not create a virtual environment; on Debian/Ubuntu: sudo apt-get install python3-venv" >&2
    exit 1
  fi
fi
stamp=".venv/.ltc-installed"
want="$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1) $extras"
if [ -f "$stamp" ] && grep -qxF "$want" "$stamp" 2>/dev/null; then
  exit 0
fi
echo "==> installing lifetimecircle-serviceheft[$extras] (pinned by constraints.txt)"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[$extras]"
echo "$want" >> "$stamp"
