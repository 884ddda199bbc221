#!/usr/bin/env bash
# Stop the project's services (data stays under .services/).
# Usage: down.sh [postgres|redis|kafka|minio|mailpit ...]   (no argument: all of them)
source "$(dirname "${BASH_SOURCE[0]}")/lifecycle.sh"
HERE="$(dirname "${BASH_SOURCE[0]}")"

services=("$@")
((${#services[@]})) || services=(mailpit minio kafka redis postgres)

for service in "${services[@]}"; do
  [[ -f "$HERE/$service.sh" ]] || { say "unknown service '$service'"; exit 2; }
  bash "$HERE/$service.sh" stop
  say "$service stopped"
done
