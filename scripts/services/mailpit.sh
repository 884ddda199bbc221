#!/usr/bin/env bash
# Mailpit (a real SMTP server that keeps what it receives and shows it over an HTTP API),
# built from source with `go install` once (the binary is cached in $(go env GOPATH)/bin),
# serving SMTP on 127.0.0.1:11025 and its API on 127.0.0.1:18025, data under .services/mailpit.
# Usage: mailpit.sh install|start|stop|status
source "$(dirname "${BASH_SOURCE[0]}")/lifecycle.sh"

NAME=mailpit
MODULE_VERSION="${ROADLEDGER_MAILPIT_VERSION:-v1.33.1}"
SMTP_PORT="${ROADLEDGER_MAILPIT_SMTP_PORT:-11025}"
HTTP_PORT="${ROADLEDGER_MAILPIT_HTTP_PORT:-18025}"
DIR="$SERVICES_DIR/mailpit"
LOG="$DIR/mailpit.log"
PIDFILE="$DIR/mailpit.pid"
API="http://127.0.0.1:$HTTP_PORT"
mkdir -p "$DIR"

binary() {
  local gobin
  gobin="$( (go env GOBIN 2>/dev/null) || true)"
  [[ -n "$gobin" ]] || gobin="$( (go env GOPATH 2>/dev/null) || echo "$HOME/go")/bin"
  echo "$gobin/mailpit"
}

# Ready when the API answers and the SMTP port accepts a connection with its greeting.
answers() {
  curl -sf --max-time 2 "$API/readyz" >/dev/null 2>&1 && smtp_greets
}
# In a subshell: a failed redirection of `exec` must not end the calling script.
smtp_greets() (
  exec 3<>"/dev/tcp/127.0.0.1/$SMTP_PORT" || exit 1
  read -r -t 2 greeting <&3 || exit 1
  [[ "$greeting" == 220* ]]
)

install() {
  command -v curl >/dev/null || apt_install curl ca-certificates
  local bin; bin="$(binary)"
  if [[ -x "$bin" ]] && "$bin" version --no-release-check >/dev/null 2>&1; then return 0; fi
  command -v go >/dev/null || fail "$NAME" "$DIR/build.log" "Go is not installed: it is needed to build Mailpit (go install github.com/axllent/mailpit)"
  say "building Mailpit $MODULE_VERSION from source with go install (takes minutes, once per machine)"
  go install "github.com/axllent/mailpit@$MODULE_VERSION" >"$DIR/build.log" 2>&1 \
    || fail "$NAME" "$DIR/build.log" "go install github.com/axllent/mailpit@$MODULE_VERSION failed"
  "$bin" version --no-release-check >>"$DIR/build.log" 2>&1 || fail "$NAME" "$DIR/build.log" "the built binary $bin does not run"
}

start() {
  if answers; then say "$NAME already answering on $API"; return 0; fi
  local bin; bin="$(binary)"
  [[ -x "$bin" ]] || fail "$NAME" "$LOG" "Mailpit binary missing at $bin: run mailpit.sh install"
  # setsid + closed stdio: the server must outlive the caller and hold none of its pipes.
  setsid nohup "$bin" --listen "127.0.0.1:$HTTP_PORT" --smtp "127.0.0.1:$SMTP_PORT" \
    --database "$DIR/mailpit.db" --max 5000 --disable-version-check --quiet \
    </dev/null >>"$LOG" 2>&1 &
  echo $! >"$PIDFILE"
  local deadline=$((SECONDS + 30))
  until answers; do
    pid_alive "$PIDFILE" || fail "$NAME" "$LOG" "the server exited during start-up"
    ((SECONDS < deadline)) || fail "$NAME" "$LOG" "$API/readyz and SMTP on $SMTP_PORT did not answer within 30s"
    sleep 0.3
  done
}

stop() {
  stop_pid "$NAME" "$PIDFILE"
}

status() { answers; }

"${1:?usage: mailpit.sh install|start|stop|status}"
