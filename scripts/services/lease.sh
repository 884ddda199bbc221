#!/usr/bin/env bash
# Shares the services between test runs that overlap (two `vitest` processes, the int and e2e
# projects of one run, or runs from two checkouts: the ports are the machine's, so the leases
# are too). Each holder takes a lease; the services a holder had to start are stopped only
# when the last lease is returned. Services that were already running before any lease
# (e.g. `npm run services:up`) are never stopped here.
# Usage: lease.sh acquire HOLDER PID SERVICE... | lease.sh release HOLDER
# (HOLDER names the lease, e.g. <pid>-<project>; PID is the process whose death frees it)
source "$(dirname "${BASH_SOURCE[0]}")/lifecycle.sh"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

LEASES="${ROADLEDGER_LEASES_DIR:-${TMPDIR:-/tmp}/roadledger-service-leases}"
# One line per service started by a lease holder: name, scripts folder, state folder, so the
# last holder can stop it even when it was started from another checkout.
OWNED="$LEASES/started-by-tests"
mkdir -p "$LEASES"
exec 9>"$LEASES/lock"
flock 9

prune_dead_holders() {
  local lease
  for lease in "$LEASES"/*.pid; do
    [[ -e "$lease" ]] || continue
    pid_alive "$lease" || rm -f "$lease"
  done
}

live_leases() { find "$LEASES" -maxdepth 1 -name '*.pid' | wc -l; }

acquire() {
  local holder="$1" pid="$2"; shift 2
  prune_dead_holders
  local service
  for service in "$@"; do
    # 9>&- : the daemons must not inherit the lock, or it would be held as long as they run.
    if ! bash "$HERE/$service.sh" status 9>&-; then
      # A line already there names a start whose service is no longer running (a run that was
      # killed, a checkout since deleted): this start replaces it, or release would stop the
      # service through the old line and leave this one running.
      if [[ -f "$OWNED" ]]; then
        grep -v "^$service|" "$OWNED" >"$OWNED.new" || true
        mv "$OWNED.new" "$OWNED"
      fi
      printf '%s|%s|%s\n' "$service" "$HERE" "$SERVICES_DIR" >>"$OWNED"
    fi
  done
  bash "$HERE/up.sh" "$@" 9>&-
  echo "$pid" >"$LEASES/$holder.pid"
}

release() {
  local holder="$1"
  rm -f "$LEASES/$holder.pid"
  prune_dead_holders
  if (($(live_leases) > 0)); then
    say "services stay up: $(live_leases) other test run(s) still use them"
    return 0
  fi
  [[ -s "$OWNED" ]] || return 0
  local service scripts state
  while IFS='|' read -r service scripts state; do
    # The starting checkout may be gone; its state folder (pid file) is what the stop needs.
    [[ -f "$scripts/$service.sh" ]] || scripts="$HERE"
    ROADLEDGER_SERVICES_DIR="$state" bash "$scripts/$service.sh" stop 9>&- || say "stopping $service failed"
    say "$service stopped"
  done < <(tac "$OWNED")
  rm -f "$OWNED"
}

case "${1:-}" in
  acquire) shift; acquire "$@" ;;
  release) shift; release "$@" ;;
  *) echo "usage: lease.sh acquire HOLDER PID SERVICE... | release HOLDER" >&2; exit 2 ;;
esac
