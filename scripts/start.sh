#!/usr/bin/env bash
# The README's start command: set up if needed, start the sync server on the embedded default
# (SQLite + local files in ./data/server) on 127.0.0.1:8765 and the desktop app connected to it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh server,desktop
export PATH="$PWD/.venv/bin:$PATH"
export LTC_DATA_DIR="${LTC_DATA_DIR:-$PWD/data/server}"
host=127.0.0.1
port="${LTC_PORT:-8765}"
ltc-server migrate
if [ -f desktop/ui/app_main.py ]; then
  ltc-server serve --host "$host" --port "$port" &
  server_pid=$!
  # the server stops when the desktop app exits (or the script is interrupted)
  trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true' EXIT
  trap 'exit 130' INT TERM
  healthy=0
  for _ in $(seq 1 150); do
    if python -c "import urllib.request,sys; urllib.request.urlopen('http://$host:$port/health', timeout=1)" 2>/dev/null; then
      healthy=1
      break
    fi
    sleep 0.1
  done
  if [ "$healthy" != 1 ]; then
    echo "error: the sync server did not answer http://$host:$port/health" >&2
    exit 1
  fi
  echo "==> sync server on http://$host:$port answered /health (data in $LTC_DATA_DIR); starting the desktop app"
  ltc-desktop --server "http://$host:$port"
else
  echo "==> The desktop app is not built yet: starting only the sync server on http://$host:$port"
  echo "    (data in $LTC_DATA_DIR; stop with Ctrl+C)"
  exec ltc-server serve --host "$host" --port "$port"
fi
