#!/usr/bin/env bash
# Shares the services between test runs that overlap (two `vitest` processes, or the int and
# e2e projects of one run): each holder takes a lease named by its process id; the services a
# lease holder had to start are stopped only when the last lease is returned. Services that
# were already running before any lease (e.g. `npm run services:up`) are never stopped here.
# Usage: lease.sh acquire HOLDER PID SERVICE... | lease.sh release HOLDER
# (HOLDER names the lease, e.g. <pid>-<project>; PID is the process whose death frees it)
source "$(dirname "${BASH_SOURCE[0]}")/lifecycle.sh"
HERE="$(dirname "${BASH_SOURCE[0]}")"

LEASES="$SERVICES_DIR/leases"
OWNED="$LEASES/started-by-tests"
mkdir -p "$LEASES"
exec 9>"$SERVICES_DIR/leases.lock"
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
    if ! bash "$HERE/$service.sh" status 9>&-; then
      grep -qx "$service" "$OWNED" 2>/dev/null || echo "$service" >>"$OWNED"
    fi
  done
  # 9>&- : the daemons must not inherit the lock, or it would be held as long as they run.
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
  if [[ -s "$OWNED" ]]; then
    # shellcheck disable=SC2046
    bash "$HERE/down.sh" $(tac "$OWNED") 9>&-
    rm -f "$OWNED"
  fi
}

case "${1:-}" in
  acquire) shift; acquire "$@" ;;
  release) shift; release "$@" ;;
  *) echo "usage: lease.sh acquire HOLDER PID SERVICE... | release HOLDER" >&2; exit 2 ;;
esac
