#!/usr/bin/env bash
# One command from a fresh clone to a populated knowledge base:
# set up .venv, ingest the bundled demo corpus, print the summary.
#
#   bash scripts/demo.sh                       # writes ./powderkeg.duckdb
#   POWDERKEG_DB=/tmp/kb.duckdb bash scripts/demo.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
PK=.venv/bin/powderkeg

rc=0
"$PK" ingest --demo || rc=$?
if [ "$rc" -eq 2 ]; then
    echo "demo: some demo inputs were skipped (see above); the rest were stored" >&2
elif [ "$rc" -ne 0 ]; then
    exit "$rc"
fi
"$PK" summary
cat <<MSG

Next:  $PK events --type ACCUSE
       $PK articles                      # then: $PK show <id-prefix>
       $PK sql "SELECT source, target, type, count(*) AS n FROM events GROUP BY ALL ORDER BY n DESC"
MSG
