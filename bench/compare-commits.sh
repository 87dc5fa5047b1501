#!/usr/bin/env bash
# Server CPU per delivery and latency of the service as it was at each given commit, one after the other on this
# machine: to tell a slower machine from slower code. Each commit is built from `git archive` in a directory of its
# own (kept for the next run), started alone on 127.0.0.1:18099 with a fresh embedded database, and measured by the
# load tool: N subscribers of /topic/prices at 10 batches/s, WARMUP s (long enough for the JIT to settle: its CPU
# counts as the server's), then a DURATION s window.
#
# Usage:      bench/compare-commits.sh COMMIT...        e.g. bench/compare-commits.sh 08c756d HEAD
# Variables:  N (2000), WARMUP (20), DURATION (20), WORK (/tmp/stockticker-commits), SERVER_ARGS (more --key=value
#             arguments for every commit's server, e.g. "--ticker.candles.intervals=1d")
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${N:-2000}"; WARMUP="${WARMUP:-20}"; DURATION="${DURATION:-20}"; WORK="${WORK:-/tmp/stockticker-commits}"
[[ $# -ge 1 ]] || { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 2; }
[[ -f "$ROOT/bench/target/stomp-bench.jar" ]] || (cd "$ROOT" && ./mvnw -q -B -f bench/pom.xml package -DskipTests)

for commit in "$@"; do
  id=$(git -C "$ROOT" rev-parse --short "$commit")
  dir="$WORK/$id"
  if ! ls "$dir"/target/stock-ticker-*.jar >/dev/null 2>&1; then
    rm -rf "$dir"; mkdir -p "$dir"
    git -C "$ROOT" archive "$id" | tar -x -C "$dir"
    (cd "$dir" && ./mvnw -q -B -DskipTests package > build.log 2>&1)
  fi
  jar=$(ls "$dir"/target/stock-ticker-*.jar | grep -v original | head -1)
  rm -rf "$dir/data"
  java -Xms256m -Xmx3g -XX:+UseParallelGC -jar "$jar" --server.port=18099 --server.address=127.0.0.1 \
    --ticker.market.tick-interval=100ms --ticker.market.move-probability=1.0 --ticker.market.seed=42 \
    --ticker.websocket.max-connections-per-address=0 --ticker.websocket.max-connections=0 \
    --ticker.storage.data-directory="$dir/data" ${SERVER_ARGS:-} > "$dir/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do curl -sf -o /dev/null http://127.0.0.1:18099/actuator/health/readiness && break; sleep 0.5; done
  java -XX:+UseParallelGC -Xms256m -Xmx1g -jar "$ROOT/bench/target/stomp-bench.jar" --url ws://127.0.0.1:18099/ws -n "$N" \
    --connect-rate 1000 --warmup "$WARMUP" --duration "$DURATION" --scenario prices --publish-rate 10 --server-pid "$pid" \
    > "$dir/tool.txt" 2>&1 || true
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$id: $(grep -E 'deliveries/s|latency ms p50|server CPU' "$dir/tool.txt" | tr -s ' ' | paste -sd ';')"
done
