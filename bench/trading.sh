#!/usr/bin/env bash
# StockTicker trading benchmark: USERS logged-in users send market orders as fast as RATE per user per second
# (the rate limits are raised for the bench server), on the embedded database (HSQLDB) and on PostgreSQL, one after the
# other. Reports orders/s, SEND to NEW and SEND to FILLED p50/p99, ticker_publish_latency_seconds without and with
# the orders, errors by code, and the journal's commit time and entries per commit in the window. Only 127.0.0.1
# traffic; every wait is bounded.
#
# Usage:      bench/trading.sh [--skip-build]
# Variables:  USERS (100), RATE (orders a second per user: 20), DURATION (window, s: 30), WARMUP (s: 150: at 2,000
#             orders/s the JIT still compiles after a minute, and the in-memory history of 1,000 orders per user fills
#             in 50 s; only after that does the window measure the steady state),
#             DATABASES ("embedded postgresql"), PORT (18090), PG_PORT (15432), SERVER_JAVA_OPTS, TOOL_JAVA_OPTS, RESULTS,
#             JAR (the service's jar: the one this tree builds; another commit's, to compare them)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SKIP_BUILD=0
[[ "${1:-}" == "--skip-build" ]] && SKIP_BUILD=1
USERS="${USERS:-100}"; RATE="${RATE:-20}"; DURATION="${DURATION:-30}"; WARMUP="${WARMUP:-150}"
DATABASES="${DATABASES:-embedded postgresql}"; PORT="${PORT:-18090}"; PG_PORT="${PG_PORT:-15432}"
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError}"
TOOL_JAVA_OPTS="${TOOL_JAVA_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=5 -Xmx512m}"
RESULTS="${RESULTS:-$ROOT/bench/results/trading-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$RESULTS"

if [[ $SKIP_BUILD == 0 ]]; then
  (cd "$ROOT" && ./mvnw -q -B -DskipTests package && ./mvnw -q -B -f bench/pom.xml package -DskipTests)
fi
JAR="${JAR:-$(ls "$ROOT"/target/stock-ticker-*.jar | grep -v original | head -1)}"

# The bench server's users: trader-0 .. trader-(USERS-1), password alice-demo, and rate limits that let each send RATE
# orders a second. The hash has bcrypt's lowest cost (4), not the demo accounts' 10: the users log in one after the
# other, and at cost 10 on a busy 2-core machine the logins took most of the warm-up (a JFR recording of the
# bench: 86 % BCrypt). What a login costs is bench/login.sh's measure, not this one's.
HASH='{bcrypt}$2a$04$ieYTq4diBkioxDnS82JPf.A7SbTL0QCyuAWaUSNudsO7ZoWfCPirG'
{
  echo "ticker:"
  echo "  trading: { orders-per-second: 10000, order-burst: 10000 }"
  echo "  accounts:"
  for ((u = 0; u < USERS; u++)); do echo "    - { username: trader-$u, password: \"$HASH\", starting-cash: 1000000 }"; done
} > "$RESULTS/bench.yml"

SERVER_PID=""
cleanup() {
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  [[ -d "$RESULTS/pg/data" ]] && bash "$ROOT/scripts/postgresql.sh" stop "$RESULTS/pg" 2>/dev/null || true
}
trap cleanup EXIT

for database in $DATABASES; do
  storage=("--ticker.storage.data-directory=$RESULTS/embedded")
  if [[ $database == postgresql ]]; then
    mkdir -p "$RESULTS/pg"
    bash "$ROOT/scripts/postgresql.sh" start "$RESULTS/pg" "$PG_PORT"
    storage=("--spring.datasource.url=jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" "--spring.datasource.username=postgres")
  fi
  # shellcheck disable=SC2086
  java $SERVER_JAVA_OPTS -jar "$JAR" --server.address=127.0.0.1 --server.port="$PORT" --ticker.market.seed=42 \
    --spring.config.additional-location="file:$RESULTS/bench.yml" "${storage[@]}" > "$RESULTS/server-$database.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break
    sleep 1
  done
  echo "== $database: $USERS users x $RATE orders/s, ${DURATION}s window (after a ${DURATION}s window without orders)"
  # shellcheck disable=SC2086
  java $TOOL_JAVA_OPTS -cp "$ROOT/bench/target/stomp-bench.jar" com.stockticker.bench.TradingLoad --url "ws://127.0.0.1:$PORT/ws" \
    --users "$USERS" --user-prefix trader- --passcode alice-demo --rate "$RATE" --warmup "$WARMUP" --duration "$DURATION" \
    --label "$database" --json "$RESULTS/trading-$database.json"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
  if [[ $database == postgresql ]]; then bash "$ROOT/scripts/postgresql.sh" stop "$RESULTS/pg"; fi
done
echo "Results in $RESULTS"
