#!/usr/bin/env bash
# PostgreSQL from Debian's packages, in a cluster of the project's own on 127.0.0.1:15432
# with superuser roadledger/roadledger and database roadledger.
# Usage: postgres.sh install|start|stop|status
source "$(dirname "${BASH_SOURCE[0]}")/lifecycle.sh"

NAME=postgres
PORT="${ROADLEDGER_PG_PORT:-15432}"
DIR="$SERVICES_DIR/postgres"
LOG="$DIR/postgres.log"
mkdir -p "$DIR"

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1; }

# PostgreSQL refuses to run as root: as root we run it as the `postgres` OS user, which
# needs to reach the data folder. When the checkout sits somewhere that user cannot
# traverse (e.g. under /root), the cluster lives in /var/tmp instead.
as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cluster_dir() {
  if [[ -s "$DIR/cluster-path" ]]; then cat "$DIR/cluster-path"; return; fi
  local candidate="$DIR/cluster"
  if [[ "$(id -u)" -eq 0 ]] && ! runuser -u postgres -- test -x "$DIR"; then
    candidate="/var/tmp/roadledger-postgres-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)"
  fi
  echo "$candidate" >"$DIR/cluster-path"
  echo "$candidate"
}

sql() { # sql DATABASE QUERY
  PGPASSWORD=roadledger PGCONNECT_TIMEOUT=2 "$(pg_bin)/psql" -h 127.0.0.1 -p "$PORT" -U roadledger -d "$1" -tAqc "$2"
}
answers() { [[ "$(sql "${1:-roadledger}" 'select 1' 2>/dev/null)" == 1 ]]; }

give_to_postgres() {
  if [[ "$(id -u)" -eq 0 ]]; then chown postgres: "$@"; fi
}

install() {
  if [[ -z "$(pg_bin)" || ! -x "$(pg_bin)/pg_ctl" ]]; then apt_install postgresql; fi
  [[ -x "$(pg_bin)/pg_ctl" ]] || fail "$NAME" "$LOG" "pg_ctl not found after installing postgresql"
  id postgres >/dev/null 2>&1 || [[ "$(id -u)" -ne 0 ]] || fail "$NAME" "$LOG" "the postgres OS user is missing"
}

init_cluster() {
  local data="$1"
  [[ -s "$data/PG_VERSION" ]] && return 0
  say "initialising a PostgreSQL cluster in $data"
  mkdir -p "$data"
  give_to_postgres "$data"
  chmod 700 "$data"
  local pwfile; pwfile="$(mktemp)"; echo roadledger >"$pwfile"
  give_to_postgres "$pwfile"
  as_owner "$(pg_bin)/initdb" -D "$data" -U roadledger --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >>"$LOG" 2>&1 || { rm -f "$pwfile"; fail "$NAME" "$LOG" "initdb failed"; }
  rm -f "$pwfile"
  # Tuned for tests: many test files connect in parallel; durability of a test database
  # matters less than speed, but fsync stays on so a crash never corrupts the cluster.
  as_owner tee -a "$data/postgresql.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$data'
max_connections = 200
shared_buffers = 128MB
synchronous_commit = off
wal_level = minimal
max_wal_senders = 0
max_prepared_transactions = 50
log_min_messages = warning
log_line_prefix = '%m [%p] %d '
CONF
}

start() {
  local data; data="$(cluster_dir)"
  if answers; then say "$NAME already answering on 127.0.0.1:$PORT"; return 0; fi
  init_cluster "$data"
  touch "$LOG"; give_to_postgres "$LOG"
  as_owner "$(pg_bin)/pg_ctl" -D "$data" -l "$LOG" -w -t 60 start >/dev/null \
    || fail "$NAME" "$LOG" "pg_ctl start failed"
  wait_until "$NAME" "$LOG" 30 answers postgres
  if [[ "$(sql postgres "select count(*) from pg_database where datname = 'roadledger'")" == 0 ]]; then
    sql postgres 'create database roadledger' >>"$LOG" 2>&1 || fail "$NAME" "$LOG" "could not create database roadledger"
  fi
  answers || fail "$NAME" "$LOG" "select 1 on database roadledger failed"
}

stop() {
  local data; data="$(cluster_dir)"
  [[ -s "$data/postmaster.pid" ]] || return 0
  as_owner "$(pg_bin)/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
}

status() { answers; }

"${1:?usage: postgres.sh install|start|stop|status}"
