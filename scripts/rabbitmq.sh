#!/usr/bin/env bash
# A throwaway RabbitMQ on loopback only, for the cluster tests and for trying a cluster by hand. It runs in a
# directory of its own, so several can run side by side and nothing of the system's RabbitMQ is used or changed:
# as the user who runs the script, or as the rabbitmq user when that is root (RabbitMQ refuses to run as root).
#
#   scripts/rabbitmq.sh start DIR AMQP_PORT DIST_PORT   start a new node in DIR (a new or empty directory)
#   scripts/rabbitmq.sh stop DIR                        stop it (the data stays in DIR)
#   scripts/rabbitmq.sh start DIR                       start it again, same ports, same data
#   scripts/rabbitmq.sh queues DIR                      its queues: name, durable, auto_delete, exclusive, messages
#   scripts/rabbitmq.sh bindings DIR                    its bindings: source, destination, routing key
#   scripts/rabbitmq.sh connections DIR                 its connections: user, peer port
#   scripts/rabbitmq.sh ctl DIR ARGS...                 any other rabbitmqctl command
#
# Its users and permissions come from rabbitmq/definitions.json, as with compose.yaml (README.md, "Scale out"):
#   ticker-core / ticker-core-secret  the core: publishes the market and users' events, answers requests
#   ticker-edge / ticker-edge-secret  the edges: their own queues, requests to the core
#
# Needs the Debian package rabbitmq-server (AMQP 0-9-1 only: no plugin).
set -euo pipefail

usage() {
  echo "usage: $0 start DIR [AMQP_PORT DIST_PORT] | stop DIR | queues DIR | bindings DIR | connections DIR | ctl DIR ARGS..." >&2
  exit 2
}

[ $# -ge 2 ] || usage
command=$1
dir=$(realpath -m "$2")
here=$(dirname "$(realpath "$0")")

# Every rabbitmq command below runs with this node's environment, as the rabbitmq user if we are root.
as_rabbitmq() {
  if [ "$(id -u)" -eq 0 ]; then
    su rabbitmq -s /bin/bash -c "set -a; . '$dir/env'; set +a; $*"
  else
    # Debian's wrappers in /usr/sbin let only root and rabbitmq through; the commands behind them work for anyone,
    # with the node's Erlang cookie in the node's own directory.
    HOME="$dir" PATH="/usr/lib/rabbitmq/bin:$PATH" bash -c "set -a; . '$dir/env'; set +a; $*"
  fi
}

case "$command" in
  start)
    if [ ! -f "$dir/env" ]; then
      [ $# -eq 4 ] || usage
      amqp_port=$3 dist_port=$4
      mkdir -p "$dir"
      cat > "$dir/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:$amqp_port
loopback_users = none
load_definitions = $dir/definitions.json
EOF
      cp "$here/../rabbitmq/definitions.json" "$here/../rabbitmq/enabled_plugins" "$dir/"
      cat > "$dir/env" <<EOF
RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf
RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins
RABBITMQ_MNESIA_BASE=$dir/mnesia
RABBITMQ_LOG_BASE=$dir/log
RABBITMQ_NODENAME=ticker-$amqp_port@localhost
RABBITMQ_DIST_PORT=$dist_port
RABBITMQ_PID_FILE=$dir/rabbitmq.pid
ERL_EPMD_ADDRESS=127.0.0.1
RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
EOF
      if [ "$(id -u)" -eq 0 ]; then
        chown -R rabbitmq:rabbitmq "$dir"
        if ! su rabbitmq -s /bin/sh -c "test -w '$dir'"; then
          echo "$dir: the rabbitmq user cannot reach it (a parent directory is private, e.g. made by mktemp -d); choose a directory it can enter" >&2
          exit 1
        fi
      fi
    fi
    # A pid file left by an earlier run in this directory names a process that is gone.
    rm -f "$dir/rabbitmq.pid"
    # The open-file limit under su is 1,024, too few for more than about a thousand connections.
    as_rabbitmq "ulimit -n 20000; nohup rabbitmq-server >> '$dir/server.out' 2>&1 &"
    # rabbitmq-server creates its pid file before it writes the pid into it, and `rabbitmqctl wait` gives up at
    # once on a file it finds empty ({:garbage_in_pid_file, ...}, seen once in the outage test's restart): wait
    # for the pid first, up to the same 120 s.
    for _ in $(seq 1 1200); do
      grep -qE '^[0-9]+' "$dir/rabbitmq.pid" 2>/dev/null && break
      sleep 0.1
    done
    if ! as_rabbitmq "rabbitmqctl wait '$dir/rabbitmq.pid' --timeout 120 && rabbitmqctl await_startup --timeout 120" > "$dir/await.out" 2>&1; then
      cat "$dir/await.out" "$dir/server.out" >&2
      exit 1
    fi
    ;;
  stop)
    [ -f "$dir/env" ] || usage
    as_rabbitmq "rabbitmqctl stop" > /dev/null 2>&1 || true
    ;;
  queues)
    [ -f "$dir/env" ] || usage
    as_rabbitmq "rabbitmqctl list_queues --quiet --no-table-headers name durable auto_delete exclusive messages"
    ;;
  bindings)
    [ -f "$dir/env" ] || usage
    as_rabbitmq "rabbitmqctl list_bindings --quiet --no-table-headers source_name destination_name routing_key"
    ;;
  connections)
    [ -f "$dir/env" ] || usage
    as_rabbitmq "rabbitmqctl list_connections --quiet --no-table-headers user peer_port"
    ;;
  ctl)
    [ -f "$dir/env" ] || usage
    shift 2
    as_rabbitmq "rabbitmqctl $*"
    ;;
  *)
    usage
    ;;
esac
