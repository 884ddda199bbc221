#!/usr/bin/env bash
# ffmpeg and ffprobe from Debian's packages: nothing to start, only to install and check.
# Usage: ffmpeg.sh install|start|stop|status
source "$(dirname "${BASH_SOURCE[0]}")/lifecycle.sh"

NAME=ffmpeg
LOG="$SERVICES_DIR/ffmpeg-check.log"

answers() { ffmpeg -hide_banner -version >"$LOG" 2>&1 && ffprobe -hide_banner -version >>"$LOG" 2>&1; }

install() {
  command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null || apt_install ffmpeg
}

start() { answers || fail "$NAME" "$LOG" "ffmpeg or ffprobe does not run"; }
stop() { :; }
status() { answers; }

"${1:?usage: ffmpeg.sh install|start|stop|status}"
