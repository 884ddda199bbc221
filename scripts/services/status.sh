#!/usr/bin/env bash
# Which services answer right now. Exit status 0 only when every one asked about answers.
# Usage: status.sh [postgres|redis|kafka|minio|ffmpeg|mailpit|rtsp ...]   (no argument: all of them)
source "$(dirname "${BASH_SOURCE[0]}")/lifecycle.sh"
HERE="$(dirname "${BASH_SOURCE[0]}")"

services=("$@")
((${#services[@]})) || services=(postgres redis kafka minio ffmpeg mailpit rtsp)

down=0
for service in "${services[@]}"; do
  [[ -f "$HERE/$service.sh" ]] || { say "unknown service '$service'"; exit 2; }
  if bash "$HERE/$service.sh" status; then printf '%-8s up\n' "$service"; else printf '%-8s down\n' "$service"; down=1; fi
done
exit "$down"
