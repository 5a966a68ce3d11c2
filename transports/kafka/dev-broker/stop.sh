#!/usr/bin/env bash
# Stops the broker that start.sh started (only that PID, read from its pid file). Idempotent.
#   stop.sh          SIGTERM, then SIGKILL after 30 s (a clean shutdown)
#   stop.sh --kill   SIGKILL at once (what the fault tests use to simulate a crash)
#   stop.sh --purge  stop, then delete the temporary folder (data and logs)
set -euo pipefail
dir="${PRODSIM_KAFKA_DIR:-${TMPDIR:-/tmp}/prodsim-kafka}"
pidfile="$dir/kafka.pid"
# Whether $1 is alive and still the process we started (a stale PID file may name a reused PID).
ours() { kill -0 "$1" 2>/dev/null && tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null | grep -q -- "kafka.Kafka" && tr '\0' ' ' < "/proc/$1/cmdline" | grep -q -- "$dir"; }
say() { echo "kafka dev-broker: $*" >&2; }

if [[ -f "$pidfile" ]]; then
  pid="$(cat "$pidfile")"
  if ours "$pid"; then
    if [[ "${1:-}" == "--kill" ]]; then kill -KILL "$pid"; else kill -TERM "$pid"; fi
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then say "pid $pid ignored SIGTERM for 30 s; killing it"; kill -KILL "$pid"; sleep 0.5; fi
    say "stopped (pid $pid)"
  else
    say "not running (stale pid file: pid $pid is gone or is not ours)"
  fi
  rm -f "$pidfile"
else
  say "not running"
fi
if [[ "${1:-}" == "--purge" ]]; then rm -rf "$dir"; fi
