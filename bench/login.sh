#!/usr/bin/env bash
# What a password-guessing attack costs everyone else: the time of a legitimate login (bob, HTTP Basic, from
# 127.0.0.2) alone, and again while an attacker keeps sending wrong passwords for alice from 127.0.0.1, PARALLEL at a
# time (the attack of the hardening issue: 20 in parallel), for as long as bob's SAMPLES logins take. A login that
# is let through costs one bcrypt check. Prints p50 and p90 of both (the goal: within 2x) and the server's login
# counts. Only loopback traffic.
#
# Usage:      bench/login.sh [--skip-build]
# Variables:  PARALLEL (20), SAMPLES (30), PORT (18095)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PARALLEL="${PARALLEL:-20}"; SAMPLES="${SAMPLES:-30}"; PORT="${PORT:-18095}"
[[ "${1:-}" == "--skip-build" ]] || (cd "$ROOT" && ./mvnw -q -B -DskipTests package)
JAR="$(ls "$ROOT"/target/stock-ticker-*.jar | grep -v original | head -1)"
DATA="$(mktemp -d)"
java -XX:+UseParallelGC -jar "$JAR" --server.port="$PORT" --ticker.storage.data-directory="$DATA" > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break; sleep 1; done

login() { # one legitimate login's seconds
  curl -s -o /dev/null -w '%{time_total}\n' --interface 127.0.0.2 -u bob:bob-demo "http://127.0.0.1:$PORT/api/portfolio"
}
percentiles() { sort -n | awk '{ v[NR] = $1 } END { printf "p50 %.0f ms, p90 %.0f ms (%d logins)\n", v[int(NR * 0.5) + 1] * 1000, v[int(NR * 0.9) + 1] * 1000, NR }'; }

for _ in $(seq 1 10); do login > /dev/null; done   # warm up
alone=$(for _ in $(seq 1 "$SAMPLES"); do login; done)
echo "bob alone:            $(echo "$alone" | percentiles)"

touch "$DATA/attacking"
# One curl process with PARALLEL connections kept alive: the attacker's own CPU stays small, so that what bob
# sees is the server's doing, not a machine busy starting curl processes.
URLS=$(for i in $(seq 1 200); do printf 'http://127.0.0.1:%s/api/portfolio?guess=%d ' "$PORT" "$i"; done)
(while [[ -f "$DATA/attacking" ]]; do
  # shellcheck disable=SC2086
  curl -s --no-progress-meter --parallel --parallel-max "$PARALLEL" -u alice:wrong $URLS > /dev/null 2>&1
done) &
ATTACK=$!
sleep 2   # the attack is under way: alice's name and 127.0.0.1 are throttled, and the guesses keep coming
during=$(for _ in $(seq 1 "$SAMPLES"); do login; done)
rm "$DATA/attacking"
wait $ATTACK
echo "bob during the attack: $(echo "$during" | percentiles)"
curl -s "http://127.0.0.1:$PORT/actuator/prometheus" | grep '^ticker_logins_total'
