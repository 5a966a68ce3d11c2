# Shared by the dev broker scripts (transports/kafka/dev-broker, transports/nats/dev-server):
# PID-file ownership checks, waiting for readiness, and stopping only what start.sh started.
# The caller sets: name (for messages), dir (temp folder), pidfile, match (a word of the
# process's command line).

say() { echo "$name: $*" >&2; }
die() { say "ERROR: $*"; exit 1; }
# Whether $1 is alive and still the process we started (a stale PID file may name a reused PID).
ours() { kill -0 "$1" 2>/dev/null && tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null | grep -q -- "$match" && tr '\0' ' ' < "/proc/$1/cmdline" | grep -q -- "$dir"; }
accepts() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_ready PID PORT LOG READY_PATTERN TIMEOUT_S STDOUT_LOG POLL_S WHAT
# Waits until the port accepts connections and the log says ready; on death or timeout, shows
# the logs, forgets the PID and fails.
wait_ready() {
  local pid=$1 port=$2 log=$3 ready=$4 timeout=$5 stdout_log=$6 poll=$7 what=$8
  local deadline=$((SECONDS + timeout))
  until accepts "$port" && grep -q "$ready" "$log" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$stdout_log" "$log" >&2 || true
      rm -f "$pidfile"
      die "$what exited during start-up (logs above, full log: $log)"
    fi
    if (( SECONDS >= deadline )); then
      tail -n 30 "$log" >&2 || true
      kill "$pid" 2>/dev/null || true
      rm -f "$pidfile"
      die "127.0.0.1:$port did not accept connections within ${timeout}s"
    fi
    sleep "$poll"
  done
}

# stop_service GRACE_S [--kill|--purge]: SIGTERM (SIGKILL after GRACE_S), or SIGKILL at once
# with --kill (the fault tests' crash); --purge also deletes the temporary folder. Idempotent.
stop_service() {
  local grace=$1 mode=${2:-}
  if [[ -f "$pidfile" ]]; then
    local pid
    pid="$(cat "$pidfile")"
    if ours "$pid"; then
      if [[ "$mode" == "--kill" ]]; then kill -KILL "$pid"; else kill -TERM "$pid"; fi
      for _ in $(seq 1 $((grace * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then say "pid $pid ignored SIGTERM for $grace s; killing it"; kill -KILL "$pid"; sleep 0.5; fi
      say "stopped (pid $pid)"
    else
      say "not running (stale pid file: pid $pid is gone or is not ours)"
    fi
    rm -f "$pidfile"
  else
    say "not running"
  fi
  if [[ "$mode" == "--purge" ]]; then rm -rf "$dir"; fi
}
