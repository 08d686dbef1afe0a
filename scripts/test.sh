#!/usr/bin/env bash
# Set up .venv (pinned deps incl. ruff, mypy, pytest) and Debian's Chromium for the browser tests,
# then lint, type-check and test.
# Extra arguments go to pytest:  bash scripts/test.sh -k cli -x
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
if [ "${POWDERKEG_SKIP_BROWSER:-0}" != "1" ]; then
    bash scripts/setup-browser.sh
fi

echo "== ruff" >&2
.venv/bin/ruff check .
echo "== mypy" >&2
.venv/bin/mypy
echo "== pytest" >&2
rc=0
.venv/bin/pytest "$@" || rc=$?
if [ "$rc" -eq 5 ]; then
    echo "test.sh: pytest collected no tests; that is a failure here" >&2
    exit 1
fi
exit "$rc"
