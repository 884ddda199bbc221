#!/usr/bin/env bash
# MinIO built from source with `go install` (once; the binary is cached in $(go env GOPATH)/bin),
# serving S3 on 127.0.0.1:19000 (console 19001) from .services/minio, with the bucket `evidence`.
# Usage: minio.sh install|start|stop|status
source "$(dirname "${BASH_SOURCE[0]}")/lifecycle.sh"

NAME=minio
# The newest module version of github.com/minio/minio when this was written (MinIO tags no
# semver releases, so `@latest` resolves to a pseudo-version); pinned so every machine builds the same server.
MODULE_VERSION="${ROADLEDGER_MINIO_VERSION:-v0.0.0-20260212201848-7aac2a2c5b7c}"
PORT="${ROADLEDGER_MINIO_PORT:-19000}"
CONSOLE_PORT="${ROADLEDGER_MINIO_CONSOLE_PORT:-19001}"
ACCESS_KEY=roadledger
SECRET_KEY=roadledger-secret
BUCKET=evidence
DIR="$SERVICES_DIR/minio"
LOG="$DIR/minio.log"
PIDFILE="$DIR/minio.pid"
ENDPOINT="http://127.0.0.1:$PORT"
mkdir -p "$DIR/data"

binary() {
  local gobin
  gobin="$( (go env GOBIN 2>/dev/null) || true)"
  [[ -n "$gobin" ]] || gobin="$( (go env GOPATH 2>/dev/null) || echo "$HOME/go")/bin"
  echo "$gobin/minio"
}

# Signed S3 requests (SigV4) with curl: no S3 client needed before npm ci.
s3() { # s3 METHOD PATH
  curl -sS --fail --max-time 5 -X "$1" --aws-sigv4 "aws:amz:us-east-1:s3" --user "$ACCESS_KEY:$SECRET_KEY" "$ENDPOINT$2"
}
# Ready when an S3 bucket listing answers with our credentials.
answers() { s3 GET / 2>/dev/null | grep -q '<ListAllMyBucketsResult'; }
has_bucket() { s3 GET / 2>/dev/null | grep -q "<Name>$BUCKET</Name>"; }

install() {
  command -v curl >/dev/null || apt_install curl ca-certificates
  local bin; bin="$(binary)"
  if [[ -x "$bin" ]] && "$bin" --version >/dev/null 2>&1; then return 0; fi
  command -v go >/dev/null || fail "$NAME" "$DIR/build.log" "Go is not installed: it is needed to build MinIO (go install github.com/minio/minio)"
  say "building MinIO $MODULE_VERSION from source with go install (takes minutes, once per machine)"
  go install "github.com/minio/minio@$MODULE_VERSION" >"$DIR/build.log" 2>&1 \
    || fail "$NAME" "$DIR/build.log" "go install github.com/minio/minio@$MODULE_VERSION failed"
  "$bin" --version >>"$DIR/build.log" 2>&1 || fail "$NAME" "$DIR/build.log" "the built binary $bin does not run"
}

start() {
  if ! answers; then
    local bin; bin="$(binary)"
    [[ -x "$bin" ]] || fail "$NAME" "$LOG" "MinIO binary missing at $bin: run minio.sh install"
    # setsid + closed stdio: the server must outlive the caller and hold none of its pipes.
    MINIO_ROOT_USER="$ACCESS_KEY" MINIO_ROOT_PASSWORD="$SECRET_KEY" MINIO_BROWSER=on MINIO_UPDATE=off \
      setsid nohup "$bin" server "$DIR/data" --address "127.0.0.1:$PORT" --console-address "127.0.0.1:$CONSOLE_PORT" --quiet \
      </dev/null >>"$LOG" 2>&1 &
    echo $! >"$PIDFILE"
    local deadline=$((SECONDS + 60))
    until curl -sf --max-time 2 "$ENDPOINT/minio/health/ready" >/dev/null 2>&1; do
      pid_alive "$PIDFILE" || fail "$NAME" "$LOG" "the server exited during start-up"
      ((SECONDS < deadline)) || fail "$NAME" "$LOG" "$ENDPOINT/minio/health/ready did not answer within 60s"
      sleep 0.3
    done
    wait_until "$NAME" "$LOG" 30 answers
  else
    say "$NAME already answering on $ENDPOINT"
  fi
  if ! has_bucket; then
    s3 PUT "/$BUCKET" >>"$LOG" 2>&1 || fail "$NAME" "$LOG" "creating bucket $BUCKET failed"
  fi
  has_bucket || fail "$NAME" "$LOG" "bucket $BUCKET is not listed after creating it"
}

stop() {
  stop_pid "$NAME" "$PIDFILE"
}

status() { answers; }

"${1:?usage: minio.sh install|start|stop|status}"
