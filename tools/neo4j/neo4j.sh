#!/usr/bin/env bash
# neo4j.sh runs the Neo4j Community server that kg's tests and developers
# use: an embedded Neo4j from Maven Central (pom.xml) behind Bolt on
# 127.0.0.1, started by Launcher.java.
#
#   neo4j.sh fetch    copy the jars into tools/neo4j/lib (Maven, cached)
#   neo4j.sh start    fetch, compile, start, wait until Bolt answers (idempotent)
#   neo4j.sh stop     stop the server by its pid (SIGTERM, then SIGKILL)
#   neo4j.sh status   exit 0 when the server runs and answers Bolt
#   neo4j.sh pid      print the server's pid
#   neo4j.sh uri      print the Bolt URI of the first server
#   neo4j.sh uris     print the Bolt URIs of all servers, space-separated
#   neo4j.sh import   print the import directory LOAD CSV reads file:/// from
#
# One JVM runs KG_NEO4J_SERVERS servers (default 3) on consecutive ports:
# Community has one user database, and the conformance suite needs several
# independent stores at once.
#
# Environment: KG_NEO4J_PORT (first port, default 7687), KG_NEO4J_SERVERS,
# KG_NEO4J_HOME (data and logs, default tools/neo4j/run/home),
# KG_NEO4J_WAIT (seconds to wait for Bolt, default 180), JAVA_HOME.
set -euo pipefail

dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
port=${KG_NEO4J_PORT:-7687}
servers=${KG_NEO4J_SERVERS:-3}
run=$dir/run
home=${KG_NEO4J_HOME:-$run/home}
lib=$dir/lib
classes=$run/classes
pidfile=$run/neo4j-$port.pid
log=$run/neo4j-$port.log
wait_s=${KG_NEO4J_WAIT:-180}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
javac=${JAVA_HOME:+$JAVA_HOME/bin/}javac

# The --add-opens flags are the ones Neo4j 5 asks for (its own warnings and
# operations manual); G1 and the other flags follow its default neo4j.conf.
jvm_flags=(
  -Xms1g -Xmx1g
  -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+DisableExplicitGC
  -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true
  -Dlog4j2.disable.jmx=true -Dfile.encoding=UTF-8
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
)

say() { echo "neo4j.sh: $*" >&2; }

fetch() {
  local stamp=$lib/.pom.sha256 want
  want=$(sha256sum "$dir/pom.xml" | cut -d' ' -f1)
  if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then
    return 0
  fi
  say "fetching Neo4j jars from Maven Central"
  local t0=$SECONDS
  rm -rf "$lib"
  mvn -q -B -Dstyle.color=never -f "$dir/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$lib" -DincludeScope=runtime
  echo "$want" >"$stamp"
  say "fetched $(ls "$lib" | grep -c '\.jar$') jars in $((SECONDS - t0)) s"
}

build() {
  if [[ -f $classes/Launcher.class && $classes/Launcher.class -nt $dir/Launcher.java && $classes/Launcher.class -nt $lib/.pom.sha256 ]]; then
    return 0
  fi
  mkdir -p "$classes"
  "$javac" -nowarn -d "$classes" -cp "$lib/*" "$dir/Launcher.java"
}

running_pid() {
  local pid
  [[ -f $pidfile ]] || return 1
  pid=$(cat "$pidfile")
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 1
  # A recycled pid is not ours.
  grep -q Launcher "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

# bolt_answers sends a Bolt handshake offering 5.0-5.8 and 4.4 to every
# server and succeeds when each agrees on a version.
bolt_answers() {
  local p
  for ((p = port; p < port + servers; p++)); do
    timeout 3 bash -c '
      exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
      printf "\x60\x60\xb0\x17\x00\x08\x08\x05\x00\x00\x04\x04\x00\x00\x00\x00\x00\x00\x00\x00" >&3
      v=$(head -c 4 <&3 | od -An -tx1 | tr -d " \n")
      [[ -n $v && $v != 00000000 ]]
    ' _ "$p" 2>/dev/null || return 1
  done
}

uris() {
  local p out=()
  for ((p = port; p < port + servers; p++)); do
    out+=("bolt://127.0.0.1:$p")
  done
  echo "${out[*]}"
}

start() {
  local pid t0=$SECONDS
  if pid=$(running_pid); then
    if wait_bolt "$pid"; then
      say "already running (pid $pid) on bolt://127.0.0.1:$port"
      return 0
    fi
    return 1
  fi
  if timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$port" 2>/dev/null; then
    say "port $port is taken, but not by a server of this script; set KG_NEO4J_PORT"
    return 1
  fi
  fetch
  build
  mkdir -p "$run" "$home"
  say "starting $servers Neo4j servers on 127.0.0.1:$port.. (home $home, log $log)"
  nohup "$java" "${jvm_flags[@]}" -cp "$classes:$lib/*" Launcher "$home" "$port" "$servers" \
    >>"$log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$pidfile"
  if ! wait_bolt "$pid"; then
    return 1
  fi
  say "Neo4j (pid $pid) answers on bolt://127.0.0.1:$port after $((SECONDS - t0)) s"
}

wait_bolt() {
  local pid=$1 deadline=$((SECONDS + wait_s))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      say "Neo4j (pid $pid) exited during start; last lines of $log:"
      tail -n 30 "$log" >&2
      rm -f "$pidfile"
      return 1
    fi
    if grep -q "kg-neo4j: ready" <(tail -n 5 "$log" 2>/dev/null) && bolt_answers; then
      return 0
    fi
    sleep 0.5
  done
  say "Neo4j (pid $pid) did not answer Bolt within $wait_s s; see $log"
  return 1
}

stop() {
  local pid deadline
  if ! pid=$(running_pid); then
    rm -f "$pidfile"
    say "not running"
    return 0
  fi
  kill -TERM "$pid"
  deadline=$((SECONDS + 60))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.3
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "Neo4j (pid $pid) ignored SIGTERM for 60 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  say "stopped (pid $pid)"
}

case ${1:-} in
fetch) fetch ;;
start) start ;;
stop) stop ;;
status)
  if pid=$(running_pid) && bolt_answers; then
    echo "running (pid $pid) on bolt://127.0.0.1:$port"
  else
    echo "not running"
    exit 1
  fi
  ;;
pid) running_pid ;;
uri) echo "bolt://127.0.0.1:$port" ;;
uris) uris ;;
import) realpath -m "$home/import" ;;
*)
  echo "usage: $0 fetch|start|stop|status|pid|uri|uris|import" >&2
  exit 2
  ;;
esac
