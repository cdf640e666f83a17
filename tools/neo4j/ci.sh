#!/usr/bin/env bash
# ci.sh runs kg's Neo4j tests against real Neo4j servers, for .ci/run.
#
#   tools/neo4j/ci.sh            start the servers (neo4j.sh), run the
#                                graph/neo4j tests (conformance suite and
#                                crash test), check that they ran rather
#                                than skipped, stop the servers
#   tools/neo4j/ci.sh CMD ARG…   start the servers, run CMD with NEO4J_URI,
#                                KG_NEO4J_URIS, KG_NEO4J_SCRIPT and
#                                KG_NEO4J_IMPORT (LOAD CSV's directory) set (e.g.
#                                go test ./... or a kgscore run with
#                                --store neo4j), stop the servers
#
# The servers stop on exit whatever happens. Timings are printed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
script=$root/tools/neo4j/neo4j.sh

started_here=0
cleanup() {
  if ((started_here)); then
    "$script" stop || true
  fi
}
trap cleanup EXIT

t0=$SECONDS
if ! "$script" status >/dev/null 2>&1; then
  started_here=1
fi
"$script" start
echo "ci.sh: Neo4j servers up in $((SECONDS - t0)) s: $("$script" uris)"

export NEO4J_URI KG_NEO4J_URIS KG_NEO4J_SCRIPT KG_NEO4J_IMPORT
NEO4J_URI=$("$script" uri)
KG_NEO4J_IMPORT=$("$script" import)
KG_NEO4J_URIS=$("$script" uris)
KG_NEO4J_SCRIPT=$script
cd "$root"

if (($# > 0)); then
  "$@"
  exit
fi

log=$(mktemp)
t1=$SECONDS
status=0
CI=true go test -count=1 -timeout 30m -v ./graph/neo4j/ >"$log" 2>&1 || status=$?
grep -E '^(=== RUN|--- |\s+--- |PASS|FAIL|ok|\s+\S+_test\.go:)' "$log" | grep -v '^=== RUN' || true
if ((status != 0)); then
  echo "ci.sh: the Neo4j tests failed (exit $status); full output:"
  cat "$log"
  exit "$status"
fi
passed=$(grep -cE '^\s*--- PASS' "$log" || true)
skipped=$(grep -cE '^\s*--- SKIP' "$log" || true)
for t in TestConformance TestCrashDuringIngest TestLoadCSV; do
  if ! grep -qE "^--- PASS: $t " "$log"; then
    echo "ci.sh: $t did not run and pass"
    exit 1
  fi
done
if ((skipped > 0)); then
  echo "ci.sh: $skipped Neo4j tests skipped"
  exit 1
fi
echo "ci.sh: the Neo4j suite ran against a real Neo4j (not skipped) in $((SECONDS - t1)) s"
echo "neo4j: $passed passed, 0 failed"
