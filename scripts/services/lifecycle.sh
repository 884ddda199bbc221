# Sourced by every service script: where service state lives, how to wait for a service
# to answer, and how to fail so the message names the service and its log file.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SERVICES_DIR="${ROADLEDGER_SERVICES_DIR:-$ROOT/.services}"
mkdir -p "$SERVICES_DIR"

say() { printf '[services] %s\n' "$*" >&2; }

# fail SERVICE LOGFILE MESSAGE — print the last lines of the log so CI shows the cause.
fail() {
  local service="$1" log="$2"; shift 2
  printf '[services] %s FAILED: %s (log: %s)\n' "$service" "$*" "$log" >&2
  if [[ -f "$log" ]]; then tail -n 30 "$log" | sed "s/^/[services]   $service| /" >&2; fi
  exit 1
}

# wait_until SERVICE LOGFILE SECONDS COMMAND... — poll COMMAND until it succeeds.
wait_until() {
  local service="$1" log="$2" seconds="$3"; shift 3
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      fail "$service" "$log" "did not answer within ${seconds}s (check: $*)"
    fi
    sleep 0.3
  done
}

# pid_alive PIDFILE — true when the process named in PIDFILE still runs.
pid_alive() {
  [[ -s "$1" ]] && kill -0 "$(head -n1 "$1")" 2>/dev/null
}

# stop_pid SERVICE PIDFILE — TERM, then KILL after a grace period.
stop_pid() {
  local service="$1" pidfile="$2" pid
  pid_alive "$pidfile" || { rm -f "$pidfile"; return 0; }
  pid="$(head -n1 "$pidfile")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then say "$service did not stop in 20s; killing $pid"; kill -9 "$pid" 2>/dev/null || true; fi
  rm -f "$pidfile"
}

apt_install() {
  say "installing Debian packages: $*"
  export DEBIAN_FRONTEND=noninteractive
  local sudo=""; [[ "$(id -u)" -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
