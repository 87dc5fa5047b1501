#!/usr/bin/env bash
# StockTicker fan-out benchmark: our server and the guide-style baseline side by side, measured by the same
# load tool, with the same N, in the same run.
#
# Usage (from anywhere):
#   bench/run.sh                 full run: N = 1000 2000 5000 10000 on /topic/prices against both servers, then the
#                                per-symbol, managed-subscription and 10%-frozen scenarios at EXTRA_N (about 17 min)
#   bench/run.sh --quick         quick run: N = 500 1000, 10 s windows, no extra scenarios (under 3 min)
#   N=2000,5000 bench/run.sh     other subscriber counts (space or comma separated)
#   SERVERS="ours edge" bench/run.sh --no-extras
#                                a cluster's edge against a single instance: RabbitMQ, a core and an edge on this host,
#                                the clients on the edge; RabbitMQ's connections, queues and message rates at N = 0 and N
#                                go to backplane.tsv
#
# Options:    --quick  --skip-build (use the jars already built)  --no-extras  --docs (copy the plot to docs/images)
# Variables:  N, DURATION (window, s), WARMUP (s), CONNECT_RATE (/s), EXTRA_N (2000), FROZEN_WARMUP (100 s),
#             TICK_INTERVAL (our market's, 100ms: 10 batches/s; a soak at N beyond what the machine delivers at
#             10/s may lower it, the tool measures the rate it gets),
#             SERVERS ("ours ours-binary baseline"; ours-binary: our server, clients asking for binary frames;
#             ours-deflate: our server granting permessage-deflate, clients offering it as browsers do; ours-lean:
#             our server, clients asking for lean batches (format:lean, docs/protocol.md "Lean batch"); edge: an
#             edge of a cluster, see above), OURS_PORT (18080), OURS_BINARY_PORT (18081), OURS_DEFLATE_PORT (18085),
#             BASELINE_PORT (18091), EDGE_PORT
#             (18082), CORE_PORT (18083), RABBIT_PORT (18672), SERVER_JAVA_OPTS, TOOL_JAVA_OPTS, BASELINE_DIR, RESULTS
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
has() { [[ " $SERVERS " == *" $1 "* ]]; }
OURS_PORT="${OURS_PORT:-18080}"
OURS_BINARY_PORT="${OURS_BINARY_PORT:-18081}"
OURS_DEFLATE_PORT="${OURS_DEFLATE_PORT:-18085}"
OURS_LEAN_PORT="${OURS_LEAN_PORT:-18086}"
BASELINE_PORT="${BASELINE_PORT:-18091}"
EDGE_PORT="${EDGE_PORT:-18082}"
CORE_PORT="${CORE_PORT:-18083}"
RABBIT_PORT="${RABBIT_PORT:-18672}"
BASELINE_DIR="${BASELINE_DIR:-$ROOT/../shared/bench/baseline}"
# Both servers get the same JVM, with the parallel collector as in our Dockerfile: G1's concurrent refinement
# cost our server a third of its CPU at 10,000 subscribers (docs/performance.md). The baseline (Tomcat) gets
# higher connection limits: Tomcat's defaults (8192 connections, a listen backlog of 100) refuse part of a
# 10,000-subscriber ramp before any application code runs. Ours (Jetty) runs without its connection limits
# (every client of the tool comes from 127.0.0.1, which the per-address limit of 256 would refuse), with its
# backlog of 1024 (ticker.websocket.accept-queue-size).
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:--Xms256m -Xmx3g -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError}"
BASELINE_ARGS="--server.address=127.0.0.1 --server.tomcat.max-connections=20000 --server.tomcat.accept-count=4096"
TICK_INTERVAL="${TICK_INTERVAL:-100ms}"
OURS_ARGS="--server.address=127.0.0.1 --ticker.market.tick-interval=$TICK_INTERVAL --ticker.market.move-probability=1.0 --ticker.market.seed=42 --ticker.websocket.max-connections-per-address=0 --ticker.websocket.max-connections=0"
# The tool: ParallelGC avoids G1's refinement threads, a tenth of the tool's CPU with G1.
TOOL_JAVA_OPTS="${TOOL_JAVA_OPTS:--XX:+UseParallelGC -Xms256m -Xmx1g}"
RESULTS="${RESULTS:-$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)}"

# N subscribers take N descriptors in the tool and as many in the server, each with about 200 of its own besides. A
# container may not raise the hard limit (20,000 where docs/performance.md was measured): N stays below it.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
for n in $N; do
  if (( n + 200 > $(ulimit -n) )); then
    echo "warning: open-file limit $(ulimit -n) is too low for $n connections (the hard limit is $(ulimit -Hn))" >&2
  fi
done

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
START=$(date +%s)

# ---- Build ----
if [[ $SKIP_BUILD == 0 ]]; then
  log "building the load tool"
  "$ROOT/mvnw" -q -B -f "$ROOT/bench/pom.xml" package
  log "building our server"
  (cd "$ROOT" && ./mvnw -q -B package -DskipTests)
  if has baseline; then
    log "building the baseline"
    "$ROOT/mvnw" -q -B -f "$BASELINE_DIR/pom.xml" -DskipTests package
  fi
fi
TOOL_JAR="$ROOT/bench/target/stomp-bench.jar"
OURS_SRC="${OURS_JAR:-$(ls "$ROOT"/target/stock-ticker-*.jar 2>/dev/null | grep -v original | head -1)}"
BASELINE_SRC="$BASELINE_DIR/target/baseline-1.jar"
for j in "$TOOL_JAR" "$OURS_SRC" $(has baseline && echo "$BASELINE_SRC"); do
  [[ -f "$j" ]] || { echo "missing $j (build it, or drop --skip-build)" >&2; exit 1; }
done

# Private copies: a rebuild in the working tree during the run cannot swap a jar under a running server.
JARS="$(mktemp -d)"
cp "$OURS_SRC" "$JARS/ours.jar"; cp "$TOOL_JAR" "$JARS/tool.jar"
if has baseline; then cp "$BASELINE_SRC" "$JARS/baseline.jar"; fi
mkdir -p "$RESULTS/runs" "$RESULTS/logs"

declare -A PID=()
port_of() {
  case $1 in
    ours) echo "$OURS_PORT" ;; ours-binary) echo "$OURS_BINARY_PORT" ;; ours-deflate) echo "$OURS_DEFLATE_PORT" ;;
    ours-lean) echo "$OURS_LEAN_PORT" ;;
    edge) echo "$EDGE_PORT" ;; *) echo "$BASELINE_PORT" ;;
  esac
}
# ours-binary is our server with clients that ask for binary frames (docs/protocol.md, "Binary frames").
query_of() { if [[ $1 == ours-binary || $1 == ours-lean ]]; then echo "?frames=binary"; fi; }
# ours-deflate is our server granting WebSocket compression, with clients that offer it as every browser does
# (docs/protocol.md, "Compression"); the tool then also reports the bytes on the wire.
server_args_of() { if [[ $1 == ours-deflate ]]; then echo "--ticker.websocket.compression=true"; fi; }
# ours-lean is our server with clients that ask for lean batches (docs/protocol.md, "Lean batch"), as binary frames.
tool_args_of() {
  if [[ $1 == ours-deflate ]]; then echo "--deflate"; fi
  if [[ $1 == ours-lean ]]; then echo "--subscribe-headers format:lean"; fi
}

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
cleanup() { stop_servers; stop_rabbitmq; rm -rf "$JARS"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- The cluster (SERVERS with edge): one RabbitMQ for the whole run; a core and an edge started with the others ----
RABBIT_DIR=""
start_rabbitmq() {
  RABBIT_DIR="$(mktemp -d)"
  chmod 755 "$RABBIT_DIR"   # mktemp's 0700 would keep out the rabbitmq user that the script runs RabbitMQ as under root
  log "starting RabbitMQ on 127.0.0.1:$RABBIT_PORT"
  bash "$ROOT/scripts/rabbitmq.sh" start "$RABBIT_DIR/node" "$RABBIT_PORT" $(( RABBIT_PORT + 1 ))
}
stop_rabbitmq() {
  if [[ -n $RABBIT_DIR ]]; then
    bash "$ROOT/scripts/rabbitmq.sh" stop "$RABBIT_DIR/node" || true
    rm -rf "$RABBIT_DIR"; RABBIT_DIR=""
  fi
}
cluster_args() { # $1: core or edge; the users of rabbitmq/definitions.json
  echo "--ticker.role=$1 --ticker.cluster.enabled=true --spring.rabbitmq.host=127.0.0.1 --spring.rabbitmq.port=$RABBIT_PORT" \
       "--spring.rabbitmq.username=ticker-$1 --spring.rabbitmq.password=ticker-$1-secret"
}
metric() { # $1 port, $2 Prometheus series prefix: the sum of its samples
  curl -sf "http://127.0.0.1:$1/actuator/prometheus" | awk -v m="$2" 'index($0, m) == 1 { s += $NF } END { print s + 0 }'
}
cpu_ticks() { # $1 pid: user + system clock ticks so far
  awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}
# One line of backplane.tsv: N, RabbitMQ's connections and queues, and over 10 s the batches the core published and
# the messages the edge consumed per second, and the CPU of the edge, the core and RabbitMQ (% of a core).
backplane_sample() { # $1: N
  local p0 c0 p1 c1 conns queues rabbit e0 k0 r0 e1 k1 r1 hz
  hz=$(getconf CLK_TCK)
  rabbit=$(cat "$RABBIT_DIR/node/rabbitmq.pid" 2>/dev/null || echo $$)
  conns=$(bash "$ROOT/scripts/rabbitmq.sh" connections "$RABBIT_DIR/node" | grep -c . || true)
  queues=$(bash "$ROOT/scripts/rabbitmq.sh" queues "$RABBIT_DIR/node" | grep -c . || true)
  p0=$(metric "$CORE_PORT" rabbitmq_published_total); c0=$(metric "$EDGE_PORT" rabbitmq_consumed_total)
  e0=$(cpu_ticks "${PID[edge]}"); k0=$(cpu_ticks "${PID[core]}"); r0=$(cpu_ticks "$rabbit")
  sleep 10
  p1=$(metric "$CORE_PORT" rabbitmq_published_total); c1=$(metric "$EDGE_PORT" rabbitmq_consumed_total)
  e1=$(cpu_ticks "${PID[edge]}"); k1=$(cpu_ticks "${PID[core]}"); r1=$(cpu_ticks "$rabbit")
  awk -v n="$1" -v conns="$conns" -v queues="$queues" -v p="$(( ${p1%.*} - ${p0%.*} ))" -v c="$(( ${c1%.*} - ${c0%.*} ))" \
      -v e="$(( e1 - e0 ))" -v k="$(( k1 - k0 ))" -v r="$(( r1 - r0 ))" -v hz="$hz" \
      'BEGIN { printf "%s\t%s\t%s\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\n", n, conns, queues, p / 10, c / 10, e / hz * 10, k / hz * 10, r / hz * 10 }' \
      >> "$RESULTS/backplane.tsv"
}
# In the background during an edge run: samples once all N subscribers are connected to the edge.
watch_backplane() { # $1: N
  for _ in $(seq 1 600); do
    if (( $(metric "$EDGE_PORT" ticker_stomp_sessions | cut -d. -f1) >= $1 )); then backplane_sample "$1"; return; fi
    sleep 1
  done
}

# Each of our servers gets a fresh embedded database of its own, so that every run starts the same seeded market and
# no two servers share (and lock) one.
data_of() { echo "--ticker.storage.data-directory=$RESULTS/data/$1-$2"; }

start_servers() { # $1: a tag for the log files
  local s port
  for s in $SERVERS; do
    port=$(port_of "$s")
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "port $port is already in use: set OURS_PORT / BASELINE_PORT" >&2; exit 1
    fi
    if [[ $s == ours* ]]; then
      # shellcheck disable=SC2086
      java $SERVER_JAVA_OPTS -jar "$JARS/ours.jar" --server.port="$port" $OURS_ARGS $(server_args_of "$s") $(data_of "$s" "$1") \
        >"$RESULTS/logs/$s-$1.log" 2>&1 &
    elif [[ $s == edge ]]; then
      # The core first: the edge takes its state. Only the edge is measured; the core runs beside it.
      # shellcheck disable=SC2086
      java $SERVER_JAVA_OPTS -jar "$JARS/ours.jar" --server.port="$CORE_PORT" $OURS_ARGS $(cluster_args core) $(data_of core "$1") \
        >"$RESULTS/logs/core-$1.log" 2>&1 &
      PID[core]=$!
      # shellcheck disable=SC2086
      java $SERVER_JAVA_OPTS -jar "$JARS/ours.jar" --server.port="$port" $OURS_ARGS $(cluster_args edge) $(data_of edge "$1") \
        >"$RESULTS/logs/edge-$1.log" 2>&1 &
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
      if [[ $s == ours* || $s == edge ]]; then
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
      --server-pid "${PID[$s]}" --server-heap --quiet --json "$RESULTS/runs/$name.json" $(tool_args_of "$s") "$@" \
      >"$RESULTS/logs/$name.txt" 2>&1; then
    log "run $name failed (see $RESULTS/logs/$name.txt)"
  fi
  sed 's/^/    /' "$RESULTS/logs/$name.txt" | grep -E 'connected|held|deliveries/s|per subscriber|latency ms p50|RSS KB/conn|heap|tool CPU|frozen|errors' >&2 || true
  sleep 3 # let the server close the sessions before the next run
}


# ---- The fixed scenario: /topic/prices, every N, both servers; fresh servers for each N ----
if has edge; then
  start_rabbitmq
  printf 'N\tconnections\tqueues\tcore published/s\tedge consumed/s\tedge CPU %%\tcore CPU %%\tRabbitMQ CPU %%\n' \
    > "$RESULTS/backplane.tsv"
fi
for n in $N; do
  start_servers "n$n"
  for s in $SERVERS; do
    if [[ $s == edge ]]; then
      backplane_sample 0
      watch_backplane "$n" &
      WATCH=$!
    fi
    run_tool "$s" prices "$n" --scenario prices --publish-rate 10
    if [[ $s == edge ]]; then wait "$WATCH" || true; fi
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
