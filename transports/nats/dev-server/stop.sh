#!/usr/bin/env bash
# Stops the nats-server that start.sh started (only that PID, read from its pid file). Idempotent.
#   stop.sh          SIGTERM, then SIGKILL after 15 s
#   stop.sh --kill   SIGKILL at once (what the fault tests use to simulate a crash)
#   stop.sh --purge  stop, then delete the temporary folder (store and log)
set -euo pipefail
dir="${PRODSIM_NATS_DIR:-${TMPDIR:-/tmp}/prodsim-nats}"
pidfile="$dir/nats.pid"
# Whether $1 is alive and still the process we started (a stale PID file may name a reused PID).
ours() { kill -0 "$1" 2>/dev/null && tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null | grep -q -- "nats-server" && tr '\0' ' ' < "/proc/$1/cmdline" | grep -q -- "$dir"; }
say() { echo "nats dev-server: $*" >&2; }

if [[ -f "$pidfile" ]]; then
  pid="$(cat "$pidfile")"
  if ours "$pid"; then
    if [[ "${1:-}" == "--kill" ]]; then kill -KILL "$pid"; else kill -TERM "$pid"; fi
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then say "pid $pid ignored SIGTERM for 15 s; killing it"; kill -KILL "$pid"; sleep 0.3; fi
    say "stopped (pid $pid)"
  else
    say "not running (stale pid file: pid $pid is gone or is not ours)"
  fi
  rm -f "$pidfile"
else
  say "not running"
fi
if [[ "${1:-}" == "--purge" ]]; then rm -rf "$dir"; fi
