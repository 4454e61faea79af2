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

# RSS counts shared pages (PostgreSQL's shared buffers, the .NET runtime's libraries) once per process; PSS splits them.
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
printf '%-8s %9s %9s  %s\n' PID RSS_MB PSS_MB COMMAND
total=0; total_pss=0
for p in $pids; do
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2>/dev/null || true)
  [ -z "$rss" ] && continue
  pss=$(awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
  total=$((total + rss)); total_pss=$((total_pss + ${pss:-0}))
  printf '%-8s %9s %9s  %s\n' "$p" "$(mb "$rss")" "$(mb "${pss:-0}")" "$(tr '\0' ' ' <"/proc/$p/cmdline" | cut -c1-80)"
done
printf '\n./hub up to all-healthy: %.1f s (AppHost alone: %.1f s)\n' "$ready" "$apphost_ready"
printf 'idle memory after %s s: %.0f MB RSS summed, %.0f MB PSS summed (%s processes)\n' \
  "$idle" "$(mb "$total")" "$(mb "$total_pss")" "$(echo "$pids" | wc -w)"
