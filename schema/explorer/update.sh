#!/usr/bin/env bash
# update.sh fetches Cytoscape.js, the explorer's graph view, from the npm
# registry at the pinned version and stores it gzipped (gzip -n, so the
# output is reproducible) for //go:embed. Commit the result; the server
# works offline with it.
set -euo pipefail
cd "$(dirname "$0")"
cytoscape=3.35.0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "cytoscape@$cytoscape" >/dev/null && tar -xzf "cytoscape-$cytoscape.tgz")
gzip -n -9 -c "$tmp/package/dist/cytoscape.min.js" >cytoscape.min.js.gz
cp "$tmp/package/LICENSE" LICENSE.cytoscape
echo "cytoscape $cytoscape" >VERSIONS
