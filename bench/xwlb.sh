#!/usr/bin/env bash
# bench/xwlb.sh ingests a real corpus, 新闻联播 of 2022 and 2023 as JSON
# lines (id, url, date, title, text), into both stores, times each run and
# checks that the graph does not depend on the store, the order of the
# files or a second ingest. It writes bench/real-scale.md, which bench/run.sh
# appends to docs/BENCHMARKS.md.
#
#   bash bench/xwlb.sh [flags]
#
#   --corpus DIR      the folder of xwlb-2022.jsonl and xwlb-2023.jsonl
#                     (default $KG_XWLB, else ../shared/data/xwlb beside the repository)
#   --no-neo4j        the embedded store only
#   --neo4j-port P    the Bolt port of the script's own Neo4j (default 7797)
#   --out DIR         work folder (default .cache/xwlb, git-ignored)
#   --md FILE         the section to write (default bench/real-scale.md)
#
# The corpus is for research use only and stays out of the repository: the
# section states figures, counts and check results, never a title, name or
# line of it. Dumps, logs and stores stay in the work folder. About 5
# minutes on 2 cores, most of it Neo4j.
set -euo pipefail

export LC_ALL=C # sort and comm agree on the order of the lines they compare
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

corpus=${KG_XWLB:-$root/../shared/data/xwlb}
neo4j=1
neo4j_port=7797
out=$root/.cache/xwlb
md=$root/bench/real-scale.md
cmdline="bash bench/xwlb.sh${*:+ $*}"

while (($#)); do
  case $1 in
    --corpus) corpus=$2; shift ;;
    --no-neo4j) neo4j=0 ;;
    --neo4j-port) neo4j_port=$2; shift ;;
    --out) out=$2; shift ;;
    --md) md=$2; shift ;;
    -h | --help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "xwlb.sh: unknown flag $1" >&2; exit 2 ;;
  esac
  shift
done

say() { echo "xwlb: $(date -u +%H:%M:%S) $*" >&2; }

# Absolute paths: an article's source property is the path it was read
# from, so every run must name the files alike for the dumps to compare.
y22=$(realpath "$corpus/xwlb-2022.jsonl")
y23=$(realpath "$corpus/xwlb-2023.jsonl")
lines=$(cat "$y22" "$y23" | wc -l)

bin=$out/bin
mkdir -p "$bin"
rm -rf "$out/runs"
mkdir -p "$out/runs"
started=$(date -u +"%Y-%m-%d %H:%M UTC")
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

neo4j_started=0
export KG_NEO4J_PORT=$neo4j_port KG_NEO4J_SERVERS=1 KG_NEO4J_HOME=$out/neo4j
uri=bolt://127.0.0.1:$neo4j_port
cleanup() {
  if ((neo4j_started)); then
    bash tools/neo4j/neo4j.sh stop >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

say "building"
go build -o "$bin/kg" ./cmd/kg
go build -o "$bin/bench-ingest" ./bench/ingest
commit=$(git rev-parse --short HEAD)
if [[ -n $(git status --porcelain --untracked-files=no) ]]; then
  commit="$commit (with uncommitted changes)"
fi

# server_cpu prints the Neo4j server's user+system CPU seconds so far, 0
# without a server.
server_pid=""
server_cpu() {
  if [[ -z $server_pid ]]; then
    echo 0
    return
  fi
  awk -v t="$(getconf CLK_TCK)" '{ print ($14 + $15) / t }' "/proc/$server_pid/stat"
}

# kgs STORE ARGS...: kg on the embedded store (bolt, data folder in $data)
# or on Neo4j.
kgs() {
  local store=$1
  shift
  if [[ $store == neo4j ]]; then
    KG_STORE=neo4j NEO4J_URI=$uri "$bin/kg" "$@"
  else
    KG_STORE=bolt KG_DATA=$data "$bin/kg" "$@"
  fi
}

# timed STORE NAME ARGS...: run kg ARGS under /usr/bin/time; its output
# goes to runs/NAME.out and .err, and a row to the timing table. A failing
# run is recorded with its exit status and does not stop the script.
rows=()
failures=()
timed() {
  local store=$1 name=$2 rc=0 c0 c1 wall user sys rss articles summary
  shift 2
  c0=$(server_cpu)
  /usr/bin/time -o "$out/runs/$name.time" -f '%e %U %S %M' \
    env KG_STORE="$store" NEO4J_URI="$uri" KG_DATA="${data:-}" "$bin/kg" "$@" \
    >"$out/runs/$name.out" 2>"$out/runs/$name.err" || rc=$?
  c1=$(server_cpu)
  read -r wall user sys rss < <(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$out/runs/$name.time")
  summary=$(head -n1 "$out/runs/$name.out")
  articles=$(sed -n 's/^stored \([0-9]*\) articles.*/\1/p' <<<"$summary")
  rows+=("$(awk -v store="$store" -v name="$name" -v wall="$wall" -v u="$user" -v s="$sys" -v srv="$(awk -v a="$c0" -v b="$c1" 'BEGIN { print b - a }')" \
    -v rss="$rss" -v n="${articles:-0}" -v rc="$rc" -v cmd="kg $*" -v sum="$summary" 'BEGIN {
      printf "| %s | %s | `%s` | %.1f s | %.1f s | %s | %d MiB | %s | %s | %s |", name, store, cmd, wall, u + s,
        (store == "neo4j" ? sprintf("%.1f s", srv) : "–"), rss / 1024,
        (n > 0 ? sprintf("%.0f", n / wall) : "–"), rc, (sum == "" ? "–" : "`" sum "`")
    }')")
  if ((rc != 0)); then
    failures+=("\`kg $*\` on $store exited with status $rc: $(head -c 600 "$out/runs/$name.err" | tr '\n' ' ')")
    say "$name failed with status $rc (see $out/runs/$name.err)"
  fi
}

# empty STORE: a fresh store (a new data folder, or an emptied database).
data=""
empty() {
  if [[ $1 == neo4j ]]; then
    "$bin/bench-ingest" -mode clear -uri "$uri"
  else
    data=$out/runs/data-$2
    rm -rf "$data"
  fi
}

stores=(bolt)
if ((neo4j)); then
  if ! bash tools/neo4j/neo4j.sh status >/dev/null 2>&1; then
    say "starting Neo4j on port $neo4j_port"
    if bash tools/neo4j/neo4j.sh start >"$out/neo4j-start.log" 2>&1; then
      neo4j_started=1
    fi
  fi
  if bash tools/neo4j/neo4j.sh status >/dev/null 2>&1; then
    server_pid=$(bash tools/neo4j/neo4j.sh pid)
    stores+=(neo4j)
  else
    failures+=("Neo4j could not be started (see $out/neo4j-start.log)")
  fi
fi

# The runs, one at a time (the machine's cores are shared): per store,
# both files in one command and then again; 2022 then 2023; 2023 then
# 2022; each sequence on an empty store and dumped at its end.
for s in "${stores[@]}"; do
  p=${s:0:1} # b or n, to name the runs
  say "$s: both files, then again"
  empty "$s" both
  timed "$s" "$p-both" ingest "$y22" "$y23"
  timed "$s" "$p-both-dump" export --format dump --out "$out/runs/$p-both.dump"
  timed "$s" "$p-again" ingest "$y22" "$y23"
  timed "$s" "$p-again-dump" export --format dump --out "$out/runs/$p-again.dump"
  # The API's counts per type, on the graph of both files.
  kgs "$s" query '{ people { totalCount } organisations { totalCount } posts { totalCount } events { totalCount } projects { totalCount } articles { totalCount } }' >"$out/runs/$p-counts.json" || true
  kgs "$s" query '{ articles(first: 3) { nodes { id title published url } } }' >"$out/runs/$p-first3.json" || true

  say "$s: 2022, then 2023"
  empty "$s" 22-23
  timed "$s" "$p-2022" ingest "$y22"
  timed "$s" "$p-2022+2023" ingest "$y23"
  kgs "$s" export --format dump --out "$out/runs/$p-22-23.dump"

  say "$s: 2023, then 2022"
  empty "$s" 23-22
  timed "$s" "$p-2023" ingest "$y23"
  timed "$s" "$p-2023+2022" ingest "$y22"
  kgs "$s" export --format dump --out "$out/runs/$p-23-22.dump"
done

say "checking"
ref=$out/runs/b-both.dump

# same A B: "identical", or how many lines differ and of which kinds
# (node labels, relation types); the differing lines go to runs/A-B.diff.
same() {
  local a=$out/runs/$1.dump b=$out/runs/$2.dump d=$out/runs/$1-$2.diff
  if [[ ! -s $a || ! -s $b ]]; then
    echo "not compared (a dump is missing)"
  elif cmp -s "$a" "$b"; then
    echo "identical ($(wc -c <"$a") bytes)"
  else
    diff "$a" "$b" >"$d" || true
    local n kinds
    n=$(grep -c '^[<>]' "$d")
    kinds=$(grep '^[<>]' "$d" | cut -c3- | jq -r '(.node.label // .relation.type)' | sort | uniq -c | awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2 }')
    echo "**differ**: $n lines ($kinds; see runs/$1-$2.diff)"
  fi
}

# unchanged NAME TOTAL: whether a re-ingest's summary says every article
# is unchanged and none new, replaced or retracted.
unchanged() {
  local s want="^stored $2 articles from [0-9]+ files?: $2 unchanged;"
  s=$(head -n1 "$out/runs/$1.out")
  if [[ $s =~ $want && ! $s =~ (new|replaced|retracted) ]]; then
    echo "yes"
  else
    echo "**no**"
  fi
}

# The published date and URL of every article in the dump against its line.
jq -r '"article/" + .id + "\t" + .date + "\t" + .url' "$y22" "$y23" | sort >"$out/runs/lines.tsv"
dates_urls() {
  local dump=$out/runs/$1.dump
  grep '^{"node":{"id":"article/' "$dump" | jq -r '.node | .id + "\t" + (.published // "") + "\t" + (.url // "")' | sort >"$out/runs/$1.articles.tsv"
  local match
  match=$(comm -12 "$out/runs/lines.tsv" "$out/runs/$1.articles.tsv" | wc -l)
  echo "$match of $(wc -l <"$out/runs/lines.tsv") lines"
}
first3() {
  local f=$out/runs/$1-first3.json
  jq -r '.data.articles.nodes[] | .id + "\t" + (.published // "") + "\t" + (.url // "")' "$f" 2>/dev/null | sort >"$f.tsv" || true
  echo "$(comm -12 "$out/runs/lines.tsv" "$f.tsv" | wc -l) of $(jq '.data.articles.nodes | length' "$f" 2>/dev/null || echo 0)"
}

# Counts by label and type, from the reference dump.
counts() {
  grep -E '^\{"(node|relation)"' "$ref" | jq -r 'if .node then "node\t" + .node.label else "relation\t" + .relation.type end' |
    sort | uniq -c | awk '{ printf "| %s | %s | %d |\n", $2, $3, $1 }'
}
api_counts() {
  jq -r '.data | [.people, .organisations, .posts, .events, .projects, .articles] | map(.totalCount | tostring) | join(" | ")' "$out/runs/$1-counts.json" 2>/dev/null || echo "–"
}

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
server_rss=""
if [[ -n $server_pid ]]; then
  server_rss=$(awk '/^VmHWM/ { printf "%d MiB", $2 / 1024 }' "/proc/$server_pid/status")
fi

say "writing $md"
{
  echo "## Real scale: 新闻联播 2022–2023"
  echo
  echo "Written by \`$cmdline\` (bench/xwlb.sh) on $started; the rest of"
  echo "this document comes from bench/run.sh and is not re-run with it. The"
  echo "corpus is $lines JSON lines (id, url, date, title, text) of 新闻联播,"
  echo "one file a year ($(du -m "$y22" | cut -f1) MB and $(du -m "$y23" | cut -f1) MB), for research use only and not"
  echo "in the repository: set \`--corpus DIR\` (or \`\$KG_XWLB\`) to the folder of"
  echo "\`xwlb-2022.jsonl\` and \`xwlb-2023.jsonl\`."
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| machine | $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), shared with other work; $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) |"
  echo "| load average (1, 5, 15 min) at start / end | $load_before / $load_after |"
  echo "| commit | $commit |"
  echo "| Go | $(go env GOVERSION) |"
  if [[ -n $server_pid ]]; then
    echo "| Neo4j | 5.26 Community (tools/neo4j, heap 1 GiB), on the same machine; its peak RSS over all runs $server_rss |"
  fi
  echo
  echo "### Runs"
  echo
  echo "One at a time; each store starts empty before \`both\`, \`2022\` and \`2023\`"
  echo "(a new data folder; for Neo4j \`bench-ingest -mode clear\`, not timed)."
  echo "CPU is kg's user and system time; Neo4j's server CPU is measured from"
  echo "its process over the run. FILES are the two files, 2022 first."
  echo
  echo "Wall times move with the load of the other work on the machine (see"
  echo "the load average above); CPU time is the steadier figure. The embedded"
  echo "store of both files takes $(du -sm "$out/runs/data-both" | cut -f1) MB on disk, its dump $(($(wc -c <"$ref") / 1000000)) MB."
  echo
  echo "| run | store | command | wall | CPU (kg) | CPU (Neo4j server) | peak RSS (kg) | articles/s | exit | summary |"
  echo "|---|---|---|---:|---:|---:|---:|---:|---:|---|"
  for r in "${rows[@]}"; do
    r=${r//"$y22 $y23"/FILES}
    r=${r//"$y22"/2022.jsonl}
    r=${r//"$y23"/2023.jsonl}
    echo "${r//"$out/runs/"/}"
  done
  echo
  echo "### The graph"
  echo
  echo "Both files, counted in the canonical dump:"
  echo
  echo "| kind | label or type | count |"
  echo "|---|---|---:|"
  counts
  echo
  echo "The GraphQL API's \`totalCount\` of people, organisations, posts, events, projects and articles:"
  echo
  echo "| store | people | organisations | posts | events | projects | articles |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for s in "${stores[@]}"; do
    echo "| $s | $(api_counts "${s:0:1}") |"
  done
  echo
  echo "### Checks"
  echo
  echo "Dumps are \`kg export --format dump\`, compared byte for byte (\`cmp\`)."
  echo
  echo "| check | result |"
  echo "|---|---|"
  for s in "${stores[@]}"; do
    p=${s:0:1}
    echo "| $s: re-ingest says every article unchanged, none new, replaced or retracted | $(unchanged "$p-again" "$lines") |"
    echo "| $s: dump after re-ingest = dump before | $(same "$p-both" "$p-again") |"
    echo "| $s: 2022 then 2023 = both in one command | $(same "$p-both" "$p-22-23") |"
    echo "| $s: 2023 then 2022 = both in one command | $(same "$p-both" "$p-23-22") |"
    echo "| $s: articles whose published date and URL are their line's | $(dates_urls "$p-both") |"
    echo "| $s: \`{ articles(first: 3) { nodes { id title published url } } }\` gives the line's date and URL | $(first3 "$p") |"
  done
  if [[ " ${stores[*]} " == *" neo4j "* ]]; then
    echo "| embedded dump = Neo4j dump, both files | $(same b-both n-both) |"
    echo "| embedded dump = Neo4j dump, 2023 then 2022 | $(same b-23-22 n-23-22) |"
  fi
  if ((${#failures[@]})); then
    echo
    echo "### Failures"
    echo
    for f in "${failures[@]}"; do
      echo "- ${f//"$out/runs/"/}"
    done
  fi
  echo
} >"$md.tmp"
mv "$md.tmp" "$md"
say "done"
