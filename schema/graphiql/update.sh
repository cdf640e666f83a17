#!/usr/bin/env bash
# update.sh fetches the GraphiQL explorer's assets from the npm registry at
# the pinned versions and stores them gzipped (gzip -n: no name nor time, so
# the output is reproducible) for //go:embed. Run it from anywhere; commit
# the result. The server works offline with what is committed.
set -euo pipefail
cd "$(dirname "$0")"
graphiql=3.8.3
react=18.3.1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "graphiql@$graphiql" "react@$react" "react-dom@$react" >/dev/null)
for p in "graphiql-$graphiql" "react-$react" "react-dom-$react"; do
	mkdir -p "$tmp/${p%-*}"
	tar -xzf "$tmp/$p.tgz" -C "$tmp/${p%-*}"
done
gz() { gzip -n -9 -c "$1" >"$2.gz"; }
gz "$tmp/graphiql/package/graphiql.min.js" graphiql.min.js
gz "$tmp/graphiql/package/graphiql.min.css" graphiql.min.css
gz "$tmp/react/package/umd/react.production.min.js" react.production.min.js
gz "$tmp/react-dom/package/umd/react-dom.production.min.js" react-dom.production.min.js
cp "$tmp/graphiql/package/LICENSE" LICENSE.graphiql
cp "$tmp/react/package/LICENSE" LICENSE.react
echo "graphiql $graphiql, react $react" >VERSIONS
