#!/usr/bin/env bash
# Stack footprint: time from `./hub up` (already built) to all-healthy, and the idle stack's resident memory
# (AppHost + every child + the PostgreSQL cluster + Redis). Usage: bench/stack-footprint.sh [--port-offset N] [idle seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
offset_args=(); idle=20
while [ $# -gt 0 ]; do
  case "$1" in
    --port-offset) offset_args=(--port-offset "$2"); shift 2 ;;
    *) idle="$1"; shift ;;
  esac
done

log="$(mktemp)"
dotnet build IntegrationHub.sln -c Debug -v q -nologo >/dev/null
start=$(date +%s.%N)
./hub up "${offset_args[@]}" >"$log" 2>&1 &
hub_pid=$!  # ./hub execs the AppHost, so this is the AppHost's pid
# SIGTERM, not SIGINT: a background job of a non-interactive shell starts with SIGINT ignored, and .NET keeps it ignored.
stop() { kill -TERM "$hub_pid" 2>/dev/null || true; wait "$hub_pid" 2>/dev/null || true; }
trap 'stop; rm -f "$log"' EXIT

apphost_start=""
until grep -q "IntegrationHub is ready." "$log"; do
  if ! kill -0 "$hub_pid" 2>/dev/null; then cat "$log" >&2; echo "the stack did not start" >&2; exit 1; fi
  # The first AppHost line marks the end of ./hub's own work (package check, incremental build).
  [ -z "$apphost_start" ] && grep -q '^\[apphost\]' "$log" && apphost_start=$(date +%s.%N)
  sleep 0.1
done
now=$(date +%s.%N)
ready=$(awk -v a="$start" -v b="$now" 'BEGIN { print b - a }')
apphost_ready=$(awk -v a="${apphost_start:-$start}" -v b="$now" 'BEGIN { print b - a }')
sleep "$idle"

# Everything in the AppHost's process tree, plus the PostgreSQL cluster (pg_ctl detaches it) found by its data directory.
descendants() { local p; for p in $(pgrep -P "$1"); do echo "$p"; descendants "$p"; done; }
state_dir="$(grep -o 'State: [^ ]*' "$log" | head -n 1 | cut -d' ' -f2)"
pg_main="$(head -n 1 "$state_dir/postgres/data/postmaster.pid" 2>/dev/null || true)"
pids="$hub_pid $(descendants "$hub_pid")"
[ -n "$pg_main" ] && pids="$pids $pg_main $(pgrep -P "$pg_main" | tr '\n' ' ')"

printf '%-8s %9s  %s\n' PID RSS_MB COMMAND
total=0
for p in $pids; do
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)
  [ -z "$rss" ] && continue
  total=$((total + rss))
  printf '%-8s %9.1f  %s\n' "$p" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$(tr '\0' ' ' <"/proc/$p/cmdline" | cut -c1-90)"
done
printf '\n./hub up to all-healthy: %.1f s (AppHost alone: %.1f s)\nidle resident memory after %s s (sum of RSS): %.0f MB\n' \
  "$ready" "$apphost_ready" "$idle" "$(awk -v k="$total" 'BEGIN { print k / 1024 }')"
