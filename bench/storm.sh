#!/usr/bin/env bash
# StockTicker reconnect storm: what an instance's clients do after it restarts. STEADY subscribers are connected and
# measured (every tick, latency) while STORM more connect within about a second, each subscribing to /topic/prices
# with the resume headers of a market the server does not have (as after a restart onto another database, or after
# the resume window): each must get a snapshot first (docs/protocol.md, "Resume after a reconnect"). Reports, from
# the same run: the steady clients' delivered share and latency percentiles during the storm, and the storm clients'
# CONNECTED and first-message (snapshot) times. Only 127.0.0.1 traffic; every wait is bounded.
#
# Usage:      bench/storm.sh [--skip-build]
# Variables:  STEADY (5000), STORM (10000), STORM_RATE (connects a second: 10000), WARMUP (s, steady clients: 10),
#             DURATION (s, steady window, the storm starts 5 s into it: 30), TICKS (batches a second: 4, the service's
#             default market; every instrument moves every tick), PORT (18087), SERVER_ARGS (more --key=value arguments for the
#             server), SERVER_JAVA_OPTS, TOOL_JAVA_OPTS, RESULTS
#
# Why 4 batches a second and not the fan-out benchmark's 10: after the storm the server has STEADY + STORM subscribers,
# and 15,000 subscribers at 10 batches a second are 150,000 deliveries a second, twice what this 2-core machine delivers
# with the tool beside the server (docs/performance.md). The storm is about the accept path, not that ceiling.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SKIP_BUILD=0
[[ "${1:-}" == "--skip-build" ]] && SKIP_BUILD=1
STEADY="${STEADY:-5000}"; STORM="${STORM:-10000}"; STORM_RATE="${STORM_RATE:-10000}"
WARMUP="${WARMUP:-10}"; DURATION="${DURATION:-30}"; TICKS="${TICKS:-4}"; PORT="${PORT:-18087}"
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:--Xms256m -Xmx3g -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError}"
TOOL_JAVA_OPTS="${TOOL_JAVA_OPTS:--XX:+UseParallelGC -Xms256m -Xmx1g}"
RESULTS="${RESULTS:-$ROOT/bench/results/storm-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$RESULTS"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

if [[ $SKIP_BUILD == 0 ]]; then
  (cd "$ROOT" && ./mvnw -q -B -DskipTests package && ./mvnw -q -B -f bench/pom.xml package -DskipTests)
fi
JAR="${JAR:-$(ls "$ROOT"/target/stock-ticker-*.jar | grep -v original | head -1)}"
TOOL="$ROOT/bench/target/stomp-bench.jar"

SERVER_PID=""; STEADY_PID=""
cleanup() {
  for p in $STEADY_PID $SERVER_PID; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

# shellcheck disable=SC2086
java $SERVER_JAVA_OPTS -jar "$JAR" --server.address=127.0.0.1 --server.port="$PORT" --ticker.market.tick-interval=$(( 1000 / TICKS ))ms \
  --ticker.market.move-probability=1.0 --ticker.market.seed=42 --ticker.websocket.max-connections-per-address=0 \
  --ticker.websocket.max-connections=0 --ticker.storage.data-directory="$RESULTS/data" ${SERVER_ARGS:-} > "$RESULTS/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/actuator/health/readiness" && break
  sleep 0.5
done

echo "== $STEADY steady subscribers, then $STORM reconnecting at $STORM_RATE/s 5 s into their ${DURATION} s window"
# shellcheck disable=SC2086
java $TOOL_JAVA_OPTS -jar "$TOOL" --url "ws://127.0.0.1:$PORT/ws" --label steady -n "$STEADY" --connect-rate 1000 \
  --scenario prices --publish-rate "$TICKS" --warmup "$WARMUP" --duration "$DURATION" --server-pid "$SERVER_PID" \
  --json "$RESULTS/steady.json" > "$RESULTS/steady.txt" 2>&1 &
STEADY_PID=$!
for _ in $(seq 1 $(( STEADY / 100 + WARMUP * 2 + 240 ))); do
  grep -q "measuring for" "$RESULTS/steady.txt" && break
  kill -0 "$STEADY_PID" || { cat "$RESULTS/steady.txt"; exit 1; }
  sleep 0.5
done
sleep 5

# The storm: everyone at once, each subscribing as soon as it is CONNECTED, asking to resume a market the server
# does not know, so that every one is answered with a snapshot before its first live batch.
# shellcheck disable=SC2086
java $TOOL_JAVA_OPTS -jar "$TOOL" --url "ws://127.0.0.1:$PORT/ws" --label storm -n "$STORM" --connect-rate "$STORM_RATE" \
  --max-pending "$STORM" --subscribe-on-connect --dest /topic/prices \
  --subscribe-headers resume-after:1,resume-market:restarted-elsewhere --publish-rate "$TICKS" --warmup 0 --duration 5 \
  --connect-timeout 60 --first-message-timeout 60 --json "$RESULTS/storm.json" > "$RESULTS/storm.txt" 2>&1 || true
wait "$STEADY_PID" || true; STEADY_PID=""

for f in steady storm; do
  echo "-- $f"
  grep -E 'connected|CONNECTED|first msg|deliveries/s|per subscriber|latency ms p50|server CPU|errors' "$RESULTS/$f.txt" | sed 's/^/   /'
done
echo "Results in $RESULTS"
