#!/usr/bin/env bash
# Redis from Debian's packages, daemonized on 127.0.0.1:16379, state under .services/redis.
# Usage: redis.sh install|start|stop|status
source "$(dirname "${BASH_SOURCE[0]}")/lifecycle.sh"

NAME=redis
PORT="${ROADLEDGER_REDIS_PORT:-16379}"
DIR="$SERVICES_DIR/redis"
LOG="$DIR/redis.log"
PIDFILE="$DIR/redis.pid"
mkdir -p "$DIR"

answers() { [[ "$(redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null)" == PONG ]]; }

install() {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null || apt_install redis-server redis-tools
  command -v redis-server >/dev/null || fail "$NAME" "$LOG" "redis-server not found after installing it"
}

start() {
  if answers; then say "$NAME already answering on 127.0.0.1:$PORT"; return 0; fi
  # No persistence: test data is throw-away, and snapshots would only cost disk writes.
  redis-server --bind 127.0.0.1 --port "$PORT" --protected-mode yes --daemonize yes \
    --pidfile "$PIDFILE" --logfile "$LOG" --dir "$DIR" --save '' --appendonly no \
    --maxclients 1000 >>"$LOG" 2>&1 || fail "$NAME" "$LOG" "redis-server did not start"
  wait_until "$NAME" "$LOG" 20 answers
}

stop() {
  if answers; then redis-cli -h 127.0.0.1 -p "$PORT" shutdown nosave >/dev/null 2>&1 || true; fi
  stop_pid "$NAME" "$PIDFILE"
}

status() { answers; }

"${1:?usage: redis.sh install|start|stop|status}"
