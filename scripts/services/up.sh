#!/usr/bin/env bash
# Install (when missing) and start the project's services; prints how long each took.
# Usage: up.sh [postgres|redis|kafka|minio|ffmpeg|mailpit|rtsp ...]   (no argument: all of them)
source "$(dirname "${BASH_SOURCE[0]}")/lifecycle.sh"
HERE="$(dirname "${BASH_SOURCE[0]}")"

services=("$@")
((${#services[@]})) || services=(postgres redis kafka minio ffmpeg mailpit rtsp)

now_ms() { date +%s%3N; }
seconds_since() { awk -v a="$1" -v b="$(now_ms)" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }

total_started="$(now_ms)"
for service in "${services[@]}"; do
  script="$HERE/$service.sh"
  [[ -f "$script" ]] || { say "unknown service '$service' (known: postgres redis kafka minio ffmpeg mailpit rtsp)"; exit 2; }
  t0="$(now_ms)"; bash "$script" install; install_s="$(seconds_since "$t0")"
  t0="$(now_ms)"; bash "$script" start; start_s="$(seconds_since "$t0")"
  line="$(printf '%-8s install %6ss  start %6ss' "$service" "$install_s" "$start_s")"
  say "$line"
  printf '%s %s\n' "$(date -u +%FT%TZ)" "$line" >>"$SERVICES_DIR/timings.log"
done
say "all up (${services[*]}) in $(seconds_since "$total_started")s"
