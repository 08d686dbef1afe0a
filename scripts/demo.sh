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
db="${POWDERKEG_DB:-powderkeg.duckdb}"
cat <<MSG

Next:  $PK --db $db events --type ACCUSE
       $PK --db $db show <article-id-prefix>     (ids: $PK --db $db articles)
       $PK --db $db sql "SELECT source, target, type, count(*) n FROM events GROUP BY ALL ORDER BY n DESC"
MSG
