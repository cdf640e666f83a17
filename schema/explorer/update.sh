#!/usr/bin/env bash
# update.sh fetches the explorer's libraries from the npm registry at the
# pinned versions and stores them gzipped (gzip -n, so the output is
# reproducible) for //go:embed, with their licences and VERSIONS. Commit
# the result; the server works offline with it.
#
# - Cytoscape.js, the graph view, as published (dist/cytoscape.min.js).
# - sigma.js, graphology and graphology-layout-forceatlas2 (with the
#   packages they import: events, graphology-utils), the WebGL view of big
#   subgraphs, bundled into one script by esbuild (sigma-entry.mjs says
#   what the bundle exports, as the global kgSigma). Every version is
#   pinned, the packages they import included, so the bundle is the same
#   byte for byte on every run.
#
# Needs node and npm (npm install runs no install scripts: esbuild's binary
# comes as its optional dependency).
set -euo pipefail
cd "$(dirname "$0")"
cytoscape=3.35.0
sigma=3.0.3
graphology=0.26.0
forceatlas2=0.10.1
events=3.3.0
graphology_utils=2.5.2
esbuild=0.28.2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "cytoscape@$cytoscape" >/dev/null && tar -xzf "cytoscape-$cytoscape.tgz")
gzip -n -9 -c "$tmp/package/dist/cytoscape.min.js" >cytoscape.min.js.gz
cp "$tmp/package/LICENSE" LICENSE.cytoscape

mkdir "$tmp/sigma"
cp sigma-entry.mjs "$tmp/sigma/entry.js"
(cd "$tmp/sigma" && echo '{"private": true}' >package.json &&
	npm install --silent --no-audit --no-fund --ignore-scripts --save-exact \
		"sigma@$sigma" "graphology@$graphology" "graphology-layout-forceatlas2@$forceatlas2" \
		"events@$events" "graphology-utils@$graphology_utils" "esbuild@$esbuild" >/dev/null &&
	node_modules/.bin/esbuild entry.js --bundle --minify --format=iife --target=es2020 \
		--legal-comments=none --log-level=warning --outfile=sigma.min.js)
gzip -n -9 -c "$tmp/sigma/sigma.min.js" >sigma.min.js.gz
cp "$tmp/sigma/node_modules/sigma/LICENSE.txt" LICENSE.sigma
cp "$tmp/sigma/node_modules/graphology/LICENSE.txt" LICENSE.graphology
cp "$tmp/sigma/node_modules/graphology-layout-forceatlas2/LICENSE.txt" LICENSE.graphology-layout-forceatlas2
cp "$tmp/sigma/node_modules/graphology-utils/LICENSE.txt" LICENSE.graphology-utils
cp "$tmp/sigma/node_modules/events/LICENSE" LICENSE.events

{
	echo "cytoscape $cytoscape"
	echo "sigma $sigma"
	echo "graphology $graphology"
	echo "graphology-layout-forceatlas2 $forceatlas2"
	echo "events $events"
	echo "graphology-utils $graphology_utils"
	echo "esbuild $esbuild (bundler of sigma.min.js)"
} >VERSIONS
