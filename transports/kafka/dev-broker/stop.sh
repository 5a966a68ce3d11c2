#!/usr/bin/env bash
# Stops the broker that start.sh started (only that PID, read from its pid file). Idempotent.
#   stop.sh          SIGTERM, then SIGKILL after 30 s (a clean shutdown)
#   stop.sh --kill   SIGKILL at once (what the fault tests use to simulate a crash)
#   stop.sh --purge  stop, then delete the temporary folder (data and logs)
set -euo pipefail
dir="${PRODSIM_KAFKA_DIR:-${TMPDIR:-/tmp}/prodsim-kafka}"
pidfile="$dir/kafka.pid"
say() { echo "kafka dev-broker: $*" >&2; }

if [[ -f "$pidfile" ]]; then
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    if [[ "${1:-}" == "--kill" ]]; then kill -KILL "$pid"; else kill -TERM "$pid"; fi
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then say "pid $pid ignored SIGTERM for 30 s; killing it"; kill -KILL "$pid"; sleep 0.5; fi
    say "stopped (pid $pid)"
  else
    say "not running (stale pid file)"
  fi
  rm -f "$pidfile"
else
  say "not running"
fi
if [[ "${1:-}" == "--purge" ]]; then rm -rf "$dir"; fi
