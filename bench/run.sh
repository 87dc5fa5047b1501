#!/usr/bin/env bash
# StockTicker fan-out benchmark: our server and the guide-style baseline side by side, measured by the same
# load tool, with the same N, in the same run.
#
# Usage (from anywhere):
#   bench/run.sh                 full run: N = 1000 2000 5000 10000 on /topic/prices against both servers, then the
#                                per-symbol, managed-subscription and 10%-frozen scenarios at EXTRA_N (about 17 min)
#   bench/run.sh --quick         quick run: N = 500 1000, 10 s windows, no extra scenarios (under 3 min)
#   N=2000,5000 bench/run.sh     other subscriber counts (space or comma separated)
#
# Options:    --quick  --skip-build (use the jars already built)  --no-extras  --docs (copy the plot to docs/images)
# Variables:  N, DURATION (window, s), WARMUP (s), CONNECT_RATE (/s), EXTRA_N (2000), FROZEN_WARMUP (100 s),
#             SERVERS ("ours ours-binary baseline"; ours-binary: our server, clients asking for binary frames),
#             OURS_PORT (18080), OURS_BINARY_PORT (18081), BASELINE_PORT (18091), SERVER_JAVA_OPTS, TOOL_JAVA_OPTS, BASELINE_DIR, RESULTS
#
# What it does: builds the load tool (bench/pom.xml), our server (./mvnw package) and the baseline
# (../shared/bench/baseline); for each N starts both servers on 127.0.0.1 with the JVM flags below, runs the tool
# against ours and then the baseline, stops both; writes bench/results/<timestamp>/ with one JSON per run,
# results.json (all runs and the machine), summary.md (the table) and plot.svg (latency and delivered rate against
# N). Only 127.0.0.1 traffic; every wait is bounded.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
QUICK=0; SKIP_BUILD=0; EXTRAS=1; DOCS=0
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    --skip-build) SKIP_BUILD=1 ;;
    --no-extras) EXTRAS=0 ;;
    --docs) DOCS=1 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done

if [[ $QUICK == 1 ]]; then
  N="${N:-500 1000}"; DURATION="${DURATION:-10}"; WARMUP="${WARMUP:-3}"; EXTRAS=0
else
  N="${N:-1000 2000 5000 10000}"; DURATION="${DURATION:-30}"; WARMUP="${WARMUP:-10}"
fi
N="${N//,/ }"
CONNECT_RATE="${CONNECT_RATE:-1000}"
EXTRA_N="${EXTRA_N:-2000}"
FROZEN_WARMUP="${FROZEN_WARMUP:-100}"
SERVERS="${SERVERS:-ours ours-binary baseline}"
OURS_PORT="${OURS_PORT:-18080}"
OURS_BINARY_PORT="${OURS_BINARY_PORT:-18081}"
BASELINE_PORT="${BASELINE_PORT:-18091}"
BASELINE_DIR="${BASELINE_DIR:-$ROOT/../shared/bench/baseline}"
# Both servers get the same JVM, with the parallel collector as in our Dockerfile: G1's concurrent refinement
# cost our server a third of its CPU at 10,000 subscribers (docs/performance.md). The baseline (Tomcat) gets
# higher connection limits: Tomcat's defaults (8192 connections, a listen backlog of 100) refuse part of a
# 10,000-subscriber ramp before any application code runs. Ours (Jetty) runs without its connection limits
# (every client of the tool comes from 127.0.0.1, which the per-address limit of 256 would refuse), with its
# backlog of 1024 (ticker.websocket.accept-queue-size).
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:--Xms256m -Xmx3g -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError}"
BASELINE_ARGS="--server.address=127.0.0.1 --server.tomcat.max-connections=20000 --server.tomcat.accept-count=4096"
OURS_ARGS="--server.address=127.0.0.1 --ticker.market.tick-interval=100ms --ticker.market.move-probability=1.0 --ticker.market.seed=42 --ticker.websocket.max-connections-per-address=0 --ticker.websocket.max-connections=0"
# The tool: ParallelGC avoids G1's refinement threads, a tenth of the tool's CPU with G1.
TOOL_JAVA_OPTS="${TOOL_JAVA_OPTS:--XX:+UseParallelGC -Xms256m -Xmx1g}"
RESULTS="${RESULTS:-$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)}"

ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
if (( $(ulimit -n) < 12000 )); then
  echo "warning: open-file limit $(ulimit -n) is too low for 10,000 connections" >&2
fi

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
START=$(date +%s)

# ---- Build ----
if [[ $SKIP_BUILD == 0 ]]; then
  log "building the load tool"
  "$ROOT/mvnw" -q -B -f "$ROOT/bench/pom.xml" package
  log "building our server"
  (cd "$ROOT" && ./mvnw -q -B package -DskipTests)
  log "building the baseline"
  "$ROOT/mvnw" -q -B -f "$BASELINE_DIR/pom.xml" -DskipTests package
fi
TOOL_JAR="$ROOT/bench/target/stomp-bench.jar"
OURS_SRC="${OURS_JAR:-$(ls "$ROOT"/target/stock-ticker-*.jar 2>/dev/null | grep -v original | head -1)}"
BASELINE_SRC="$BASELINE_DIR/target/baseline-1.jar"
for j in "$TOOL_JAR" "$OURS_SRC" "$BASELINE_SRC"; do
  [[ -f "$j" ]] || { echo "missing $j (build it, or drop --skip-build)" >&2; exit 1; }
done

# Private copies: a rebuild in the working tree during the run cannot swap a jar under a running server.
JARS="$(mktemp -d)"
cp "$OURS_SRC" "$JARS/ours.jar"; cp "$BASELINE_SRC" "$JARS/baseline.jar"; cp "$TOOL_JAR" "$JARS/tool.jar"
mkdir -p "$RESULTS/runs" "$RESULTS/logs"

declare -A PID=()
port_of() {
  case $1 in ours) echo "$OURS_PORT" ;; ours-binary) echo "$OURS_BINARY_PORT" ;; *) echo "$BASELINE_PORT" ;; esac
}
# ours-binary is our server with clients that ask for binary frames (docs/protocol.md, "Binary frames").
query_of() { if [[ $1 == ours-binary ]]; then echo "?frames=binary"; fi; }

stop_servers() {
  local s p
  for s in "${!PID[@]}"; do
    p="${PID[$s]}"
    kill -TERM "$p" 2>/dev/null || true
  done
  for s in "${!PID[@]}"; do
    p="${PID[$s]}"
    for _ in $(seq 1 60); do kill -0 "$p" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
    unset "PID[$s]"
  done
}
cleanup() { stop_servers; rm -rf "$JARS"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

start_servers() { # $1: a tag for the log files
  local s port
  for s in $SERVERS; do
    port=$(port_of "$s")
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "port $port is already in use: set OURS_PORT / BASELINE_PORT" >&2; exit 1
    fi
    if [[ $s == ours* ]]; then
      # shellcheck disable=SC2086
      java $SERVER_JAVA_OPTS -jar "$JARS/ours.jar" --server.port="$port" $OURS_ARGS \
        >"$RESULTS/logs/$s-$1.log" 2>&1 &
    else
      # shellcheck disable=SC2086
      java $SERVER_JAVA_OPTS -jar "$JARS/baseline.jar" --server.port="$port" $BASELINE_ARGS \
        >"$RESULTS/logs/baseline-$1.log" 2>&1 &
    fi
    PID[$s]=$!
  done
  for s in $SERVERS; do
    port=$(port_of "$s")
    local ok=0
    for _ in $(seq 1 120); do # at most 60 s
      kill -0 "${PID[$s]}" 2>/dev/null || break
      if [[ $s == ours* ]]; then
        curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness" && { ok=1; break; }
      else
        code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/" || true)
        [[ $code != 000 ]] && { ok=1; break; }
      fi
      sleep 0.5
    done
    if [[ $ok != 1 ]]; then
      echo "$s did not start; see $RESULTS/logs/$s-$1.log" >&2; exit 1
    fi
    log "$s ready on 127.0.0.1:$port (pid ${PID[$s]})"
  done
}

run_tool() { # $1 server, $2 name of the case, $3 N, then tool options (--scenario ...)
  local s=$1 tag=$2 n=$3; shift 3
  local name="$s-$tag-$n"
  log "run $name"
  # shellcheck disable=SC2086
  if ! timeout $(( n / CONNECT_RATE * 3 + DURATION + WARMUP + 240 )) \
      java $TOOL_JAVA_OPTS -jar "$JARS/tool.jar" --url "ws://127.0.0.1:$(port_of "$s")/ws$(query_of "$s")" --label "$s" \
      -n "$n" --connect-rate "$CONNECT_RATE" --warmup "$WARMUP" --duration "$DURATION" \
      --server-pid "${PID[$s]}" --server-heap --quiet --json "$RESULTS/runs/$name.json" "$@" \
      >"$RESULTS/logs/$name.txt" 2>&1; then
    log "run $name failed (see $RESULTS/logs/$name.txt)"
  fi
  sed 's/^/    /' "$RESULTS/logs/$name.txt" | grep -E 'connected|held|deliveries/s|per subscriber|latency ms p50|RSS KB/conn|heap|tool CPU|frozen|errors' >&2 || true
  sleep 3 # let the server close the sessions before the next run
}

has() { [[ " $SERVERS " == *" $1 "* ]]; }

# ---- The fixed scenario: /topic/prices, every N, both servers; fresh servers for each N ----
for n in $N; do
  start_servers "n$n"
  for s in $SERVERS; do
    run_tool "$s" prices "$n" --scenario prices --publish-rate 10
  done
  stop_servers
done

# ---- Per-symbol, managed subscriptions, and 10% frozen subscribers ----
if [[ $EXTRAS == 1 ]]; then
  start_servers "extras"
  if has ours; then
    run_tool ours per-symbol "$EXTRA_N" --scenario per-symbol --publish-rate 30
    run_tool ours managed "$EXTRA_N" --scenario managed --publish-rate 10
    # Time from CONNECT to the first quote (the snapshot) on a warm server, at the ramp's 1,000 connects per second.
    # The tool warms itself up first: a fresh tool JVM adds 100-200 ms to the p99 of its first thousand connections.
    run_tool ours connect-snapshot "$EXTRA_N" --dest /app/quotes,/topic/prices --subscribe-on-connect --publish-rate 10 \
      --tool-warmup 1000
  fi
  if has baseline; then
    # The same ramp against the baseline, which has no snapshot: its CONNECTED times are the comparison.
    run_tool baseline connect "$EXTRA_N" --dest /topic/prices --subscribe-on-connect --publish-rate 10 --tool-warmup 1000
  fi
  for s in $SERVERS; do
    # Frozen subscribers never read. The server's kernel send buffer of each (autotuned up to tcp_wmem's 4 MB) fills
    # first, so the application sees them only after a minute or more: hence the long warm-up.
    run_tool "$s" prices-frozen10 "$EXTRA_N" --scenario prices --frozen-percent 10 --freeze-at subscribe \
      --warmup "$FROZEN_WARMUP" --publish-rate 10
  done
  stop_servers
fi

# ---- Report ----
ELAPSED=$(( $(date +%s) - START ))
python3 "$ROOT/bench/report.py" "$RESULTS" --command "bench/run.sh $*" --elapsed "$ELAPSED" \
  --server-java-opts "$SERVER_JAVA_OPTS" --tool-java-opts "$TOOL_JAVA_OPTS" --server-args "ours: $OURS_ARGS; baseline: $BASELINE_ARGS"
if [[ $DOCS == 1 ]]; then
  mkdir -p "$ROOT/docs/images"
  cp "$RESULTS/plot.svg" "$ROOT/docs/images/performance-fanout.svg"
  log "copied the plot to docs/images/performance-fanout.svg"
fi
log "done in ${ELAPSED}s: $RESULTS"
