#!/usr/bin/env bash
# A throwaway PostgreSQL for tests and benchmarks, from Debian's postgresql package, in a directory of its own and
# listening on loopback only. It refuses to run as root, so as root it runs as the postgres user.
#   postgresql.sh start DIR PORT   initdb into DIR/data (first time) and start on PORT; user postgres, no password
#   postgresql.sh start DIR        start it again, on the port of its first start
#   postgresql.sh stop DIR         stop it (fast shutdown) and wait until it has gone
set -euo pipefail
BIN=/usr/lib/postgresql/15/bin
command=$1 dir=$2

as_owner() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi
}

case "$command" in
  start)
    if [ ! -d "$dir/data" ]; then
      echo "${3:?the port of a first start}" > "$dir/port"
      [ "$(id -u)" = 0 ] && chown -R postgres "$dir"
      as_owner "$BIN/initdb -D '$dir/data' -U postgres --auth=trust -E UTF8 >'$dir/initdb.log' 2>&1"
    fi
    port=$(cat "$dir/port")
    as_owner "$BIN/pg_ctl -D '$dir/data' -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1\" -l '$dir/log' -w start >/dev/null"
    ;;
  stop)
    as_owner "$BIN/pg_ctl -D '$dir/data' -m fast -w stop >/dev/null"
    ;;
  *)
    echo "usage: $0 start DIR [PORT] | stop DIR" >&2
    exit 2
    ;;
esac
