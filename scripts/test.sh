#!/usr/bin/env bash
# The README's test command: set up the dev environment if needed, then run every quality gate and the
# whole test suite. Exits non-zero on the first failing gate.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh server,desktop,dev
export PATH="$PWD/.venv/bin:$PATH"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
# The PostgreSQL half of the server suite: used when reachable, skipped with a visible reason otherwise
# (CI=true turns that skip into a failure).
export LTC_TEST_POSTGRES_URL="${LTC_TEST_POSTGRES_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}"

echo "==> ruff (lint)";          ruff check .
echo "==> ruff (format check)";  ruff format --check .
echo "==> mypy --strict shared"; mypy --strict shared
echo "==> import contracts";     lint-imports --no-cache
echo "==> shared: own tests with coverage (>= 95 %)"
pytest tests/shared -q --cov=shared --cov-report=term-missing:skip-covered --cov-fail-under=95
echo "==> the rest of the suite"
pytest tests -q --ignore=tests/shared "$@"
