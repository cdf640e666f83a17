#!/usr/bin/env bash
# bench/run.sh runs kg's benchmarks side by side and writes docs/BENCHMARKS.md.
#
#   bash bench/run.sh [flags]
#
#   --sizes "1000 10000"   embedded ingest sizes, smallest first (add 100000 for the scale goal)
#   --runs N               runs of the extraction benchmark (default 5)
#   --ingest-runs N        runs of each embedded ingest size (default 3 up to 2000 articles, else 1)
#   --neo4j-size N         articles of the Neo4j comparison (default 1000); --no-neo4j skips Neo4j
#   --neo4j-port P         first Bolt port of the benchmark's own Neo4j (default 7797)
#   --load-n N --load-duration D --load-rounds R   load generator settings (50, 5s, 3)
#   --out DIR              work folder (default .cache/bench, git-ignored)
#   --doc FILE             the document to write (default docs/BENCHMARKS.md)
#
# Everything runs on this machine: corpora come from kggen (seeded), Neo4j
# from tools/neo4j, hyperfine from Debian when installed (else a timing
# loop). With the defaults it takes about 10–15 minutes on 2 cores.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

sizes="1000 10000"
runs=5
ingest_runs=""
neo4j=1
neo4j_size=1000
neo4j_port=7797
load_n=50
load_duration=5s
load_rounds=3
out=$root/.cache/bench
doc=$root/docs/BENCHMARKS.md
cmdline="bash bench/run.sh $*"

while (($#)); do
  case $1 in
    --sizes) sizes=$2; shift ;;
    --runs) runs=$2; shift ;;
    --ingest-runs) ingest_runs=$2; shift ;;
    --neo4j-size) neo4j_size=$2; shift ;;
    --neo4j-port) neo4j_port=$2; shift ;;
    --no-neo4j) neo4j=0 ;;
    --load-n) load_n=$2; shift ;;
    --load-duration) load_duration=$2; shift ;;
    --load-rounds) load_rounds=$2; shift ;;
    --out) out=$2; shift ;;
    --doc) doc=$2; shift ;;
    -h | --help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown flag $1" >&2; exit 2 ;;
  esac
  shift
done

say() { echo "bench: $(date -u +%H:%M:%S) $*" >&2; }
bin=$out/bin
results=$out/results.jsonl
mkdir -p "$bin" "$out"
: >"$results"
rec() { printf '{"key":"%s","value":%s}\n' "$1" "$2" >>"$results"; }
started=$(date -u +"%Y-%m-%d %H:%M UTC")
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

pids=()
neo4j_started=0
cleanup() {
  local p
  for p in "${pids[@]}"; do
    kill "$p" 2>/dev/null || true
  done
  if ((neo4j_started)); then
    KG_NEO4J_PORT=$neo4j_port KG_NEO4J_SERVERS=1 KG_NEO4J_HOME=$out/neo4j bash tools/neo4j/neo4j.sh stop >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

say "building"
go build -o "$bin/kg" ./cmd/kg
go build -o "$bin/kggen" ./cmd/kggen
go build -o "$bin/bench-ingest" ./bench/ingest
go build -o "$bin/load" ./bench/load
go build -o "$bin/report" ./bench/report
go test -c -o "$bin/ingest.test" ./ingest
mkdir -p "$out/hello"
printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello") }\n' >"$out/hello/main.go"
(cd "$out/hello" && GO111MODULE=off go build -o "$bin/hello" main.go)

corpus() { # corpus N -> folder of N generated articles
  local n=$1 dir=$out/corpus-$1
  if [[ ! -f $dir/.done ]]; then
    rm -rf "$dir"
    "$bin/kggen" -seed 1 -n "$n" "$dir" >&2
    touch "$dir/.done"
  fi
  echo "$dir"
}

# timed NAME LABEL CMD...: run CMD under /usr/bin/time, record wall, CPU and max RSS.
timed() {
  local name=$1 label=$2 tf=$out/time.txt
  shift 2
  /usr/bin/time -o "$tf" -f '%e %U %S %M' "$@" >>"$out/$name.log" 2>&1
  read -r wall user sys rss <"$tf"
  rec "proc/$name/$label/wall_s" "$wall"
  rec "proc/$name/$label/cpu_s" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')"
  rec "proc/$name/$label/maxrss_kb" "$rss"
}

# 0. Correctness of a generated corpus, when the shared scorer is here.
kgscore=${KGSCORE:-$root/../shared/eval/kgscore}
if [[ -x $kgscore ]] && command -v python3 >/dev/null; then
  say "kgscore on 50 generated articles"
  c50=$(corpus 50)
  "$kgscore" --json --kg "$bin/kg" "$c50" >"$out/score.json" || say "kgscore failed"
  [[ -s $out/score.json ]] && python3 - "$out/score.json" >>"$results" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
for k in ["entities", "relations", "events"]:
    print(json.dumps({"key": "score/%s_f1" % k, "value": r[k]["f"]}))
print(json.dumps({"key": "score/event_dates", "value": r["event_dates"]}))
EOF
fi

# 1. Extraction throughput against bare gse, one core.
say "extraction throughput ($runs runs)"
for ((i = 1; i <= runs; i++)); do
  (cd ingest && GOMAXPROCS=1 "$bin/ingest.test" -test.run '^$' -test.bench '^BenchmarkThroughput$' -test.cpu 1 -test.benchtime 1x) |
    tee -a "$out/throughput.log" |
    awk '/^BenchmarkThroughput\// {
      split($1, a, "/"); name = a[2]
      for (i = 2; i <= NF; i++) {
        if ($i == "text-MB/s") printf "{\"key\":\"throughput/%s/mb_s\",\"value\":%s}\n", name, $(i-1)
        if ($i == "articles/s") printf "{\"key\":\"throughput/%s/articles_s\",\"value\":%s}\n", name, $(i-1)
      }
    }' >>"$results"
done

# 1b. The same ratios with the kinds of work interleaved in chunks of ten
# articles (robust to a load that changes during the run).
say "extraction throughput, interleaved ($runs runs)"
for ((i = 1; i <= runs; i++)); do
  (cd ingest && GOMAXPROCS=1 "$bin/ingest.test" -test.run '^$' -test.bench '^BenchmarkThroughputInterleaved$' -test.cpu 1 -test.benchtime 9x) |
    tee -a "$out/throughput.log" |
    awk '/^BenchmarkThroughputInterleaved/ {
      for (i = 2; i <= NF; i++) {
        if ($i == "facts/gse") printf "{\"key\":\"throughput/interleaved/facts_gse\",\"value\":%s}\n", $(i-1)
        if ($i == "extract/gse") printf "{\"key\":\"throughput/interleaved/extract_gse\",\"value\":%s}\n", $(i-1)
      }
    }' >>"$results"
done

# 2. Cold start of kg extract on one article.
say "cold start"
one=$(corpus 1)/page-000001.md
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 3 --runs 20 --export-json "$out/coldstart.json" \
    -n kg-extract "$bin/kg extract $one" -n go-hello "$bin/hello" -n true "true" >"$out/coldstart.log" 2>&1
  hyper=(-hyperfine "$out/coldstart.json")
else
  hyper=()
  for name in kg-extract go-hello true; do
    case $name in
      kg-extract) cmd=("$bin/kg" extract "$one") ;;
      go-hello) cmd=("$bin/hello") ;;
      true) cmd=(true) ;;
    esac
    for ((i = 0; i < 20; i++)); do
      t0=$(date +%s%N); "${cmd[@]}" >/dev/null; t1=$(date +%s%N)
      echo "$(((t1 - t0) / 1000))"
    done | sort -n | awk -v n="$name" '{ v[NR] = $1; s += $1 } END {
      printf "{\"key\":\"coldstart/%s/median_s\",\"value\":%f}\n", n, (v[int((NR+1)/2)] + v[int(NR/2)+1]) / 2 / 1e6
      printf "{\"key\":\"coldstart/%s/mean_s\",\"value\":%f}\n", n, s / NR / 1e6 }' >>"$results"
  done
fi

# 3. Embedded ingest at each size, alternating with extraction alone.
query_size=""
for n in $sizes; do
  dir=$(corpus "$n")
  r=${ingest_runs:-$((n <= 2000 ? 3 : 1))}
  say "embedded ingest of $n articles ($r runs)"
  for ((i = 1; i <= r; i++)); do
    rm -rf "$out/data-$n"
    timed kg-ingest "$n" "$bin/kg" ingest --data "$out/data-$n" "$dir"
    timed extract "$n" "$bin/bench-ingest" -mode extract -label "$n" "$dir"
    if ((n <= 2000)); then
      # What durability costs: the same ingest without fsync at each commit.
      rm -rf "$out/nosync-$n"
      timed bolt-nosync "$n" "$bin/bench-ingest" -mode bolt -nosync -data "$out/nosync-$n" -label "$n" "$dir"
    fi
  done
  if ((n <= 10000)); then
    query_size=$n
  fi
done

# 5a. Queries on the embedded store.
if [[ -n $query_size ]]; then
  say "queries on the embedded store ($query_size articles)"
  port=$((18000 + RANDOM % 1000))
  "$bin/kg" serve --data "$out/data-$query_size" --addr "127.0.0.1:$port" 2>"$out/serve-bolt.log" &
  serve=$!
  pids+=("$serve")
  for ((i = 0; i < 100; i++)); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/graphql?query=%7B__typename%7D" && break
    sleep 0.2
  done
  "$bin/load" -graphql "graphql-bolt=http://127.0.0.1:$port/graphql" \
    -n "$load_n" -duration "$load_duration" -rounds "$load_rounds" >>"$results" 2>>"$out/load.log" || say "load on graphql-bolt failed (see $out/load.log)"
  kill "$serve"
  wait "$serve" 2>/dev/null || true
  # The in-process store target opens the store itself (bbolt locks it).
  "$bin/load" -store "store=$out/data-$query_size" \
    -n "$load_n" -duration "$load_duration" -rounds "$load_rounds" >>"$results" 2>>"$out/load.log" || say "load on the store failed (see $out/load.log)"
fi

# 4 and 5b. Neo4j: ingest against hand-written UNWIND, then queries.
neo4j_args=(-neo4j-skipped "run with --no-neo4j")
if ((neo4j)); then
  export KG_NEO4J_PORT=$neo4j_port KG_NEO4J_SERVERS=1 KG_NEO4J_HOME=$out/neo4j
  uri=bolt://127.0.0.1:$neo4j_port
  if ! bash tools/neo4j/neo4j.sh status >/dev/null 2>&1; then
    say "starting Neo4j on port $neo4j_port"
    if bash tools/neo4j/neo4j.sh start >"$out/neo4j-start.log" 2>&1; then
      neo4j_started=1
    fi
  fi
  if bash tools/neo4j/neo4j.sh status >/dev/null 2>&1; then
    dir=$(corpus "$neo4j_size")
    say "Neo4j ingest of $neo4j_size articles (3 rounds)"
    "$bin/bench-ingest" -mode neo4j -uri "$uri" -rounds 3 -label "$neo4j_size" "$dir" >>"$results" 2>>"$out/neo4j-ingest.log" ||
      say "Neo4j ingest failed (see $out/neo4j-ingest.log)"
    say "queries on Neo4j"
    port=$((19000 + RANDOM % 1000))
    NEO4J_URI=$uri "$bin/kg" serve --store neo4j --addr "127.0.0.1:$port" 2>"$out/serve-neo4j.log" &
    serve=$!
    pids+=("$serve")
    for ((i = 0; i < 100; i++)); do
      curl -fs -o /dev/null "http://127.0.0.1:$port/graphql?query=%7B__typename%7D" && break
      sleep 0.2
    done
    lib=()
    if command -v node >/dev/null && command -v npm >/dev/null; then
      if [[ ! -d bench/neo4jgraphql/node_modules ]]; then
        (cd bench/neo4jgraphql && npm ci --no-audit --no-fund >"$out/npm.log" 2>&1) || say "npm ci failed (see $out/npm.log)"
      fi
      if [[ -d bench/neo4jgraphql/node_modules ]]; then
        lport=$((port + 1))
        node bench/neo4jgraphql/server.mjs "$lport" "$uri" 2>"$out/serve-neo4jgraphql.log" &
        pids+=($!)
        for ((i = 0; i < 100; i++)); do
          curl -fs -o /dev/null -H 'Content-Type: application/json' -d '{"query":"{__typename}"}' "http://127.0.0.1:$lport/graphql" && break
          sleep 0.2
        done
        lib=(-neo4jgraphql "neo4j-graphql-library=http://127.0.0.1:$lport/graphql")
      fi
    else
      say "no Node.js: the @neo4j/graphql comparison is skipped"
    fi
    "$bin/load" -graphql "graphql-neo4j=http://127.0.0.1:$port/graphql" -cypher "cypher=$uri" "${lib[@]}" \
      -n "$load_n" -duration "$load_duration" -rounds "$load_rounds" >>"$results" 2>>"$out/load.log" ||
      say "load on Neo4j failed (see $out/load.log)"
    kill "$serve"
    wait "$serve" 2>/dev/null || true
    neo4j_args=(-neo4j-size "$neo4j_size" -neo4j-query-size "$neo4j_size")
  else
    neo4j_args=(-neo4j-skipped "Neo4j could not be started here (see $out/neo4j-start.log)")
  fi
fi

say "writing $doc"
mkdir -p "$(dirname "$doc")"
# The real-scale section (bench/xwlb.sh, on data that cannot be in the
# repository) is kept as that script last wrote it.
notes=(-notes bench/notes.md)
if [[ -f bench/real-scale.md ]]; then
  notes+=(-notes bench/real-scale.md)
fi
"$bin/report" -results "$results" "${hyper[@]}" -sizes "$(echo $sizes | tr ' ' ',')" -runs "$runs" \
  -query-size "$query_size" "${neo4j_args[@]}" -load-n "$load_n" -load-c 8 -load-duration "$load_duration" -load-rounds "$load_rounds" "${notes[@]}" -command "$cmdline" \
  -started "$started" -load-before "$load_before" -load-after "$(cut -d' ' -f1-3 /proc/loadavg)" >"$doc.tmp"
mv "$doc.tmp" "$doc"
say "done"
