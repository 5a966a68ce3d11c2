#!/usr/bin/env bash
# Starts nats-server with JetStream on 127.0.0.1:4222 for development and CI, its store in a
# temporary folder. Installs nats-server from Debian when absent. Idempotent: a server this script
# started and that still answers is left alone. Waits until it accepts connections, or fails loudly.
#
#   start.sh            start (reusing the JetStream store of a previous start)
#   start.sh --fresh    wipe the store first
#
# Environment: PRODSIM_NATS_DIR (temp folder, default ${TMPDIR:-/tmp}/prodsim-nats),
# PRODSIM_NATS_PORT (default 4222), PRODSIM_NATS_START_TIMEOUT (seconds, default 30).
set -euo pipefail

dir="${PRODSIM_NATS_DIR:-${TMPDIR:-/tmp}/prodsim-nats}"
port="${PRODSIM_NATS_PORT:-4222}"
monitor_port=$((port + 4000))
timeout="${PRODSIM_NATS_START_TIMEOUT:-30}"
pidfile="$dir/nats.pid"
log="$dir/nats.log"

name="nats dev-server"
match="nats-server"
source "$(dirname "${BASH_SOURCE[0]}")/../../dev-service-lib.sh"

if [[ "${1:-}" == "--fresh" ]]; then
  "$(dirname "${BASH_SOURCE[0]}")/stop.sh" >/dev/null 2>&1 || true
  rm -rf "$dir/store"
fi

if [[ -f "$pidfile" ]] && ours "$(cat "$pidfile")"; then
  if accepts "$port"; then
    say "already running (pid $(cat "$pidfile")) on 127.0.0.1:$port"
    exit 0
  fi
  die "pid $(cat "$pidfile") is alive but 127.0.0.1:$port does not answer; run stop.sh first (log: $log)"
fi
if accepts "$port"; then
  die "127.0.0.1:$port is already taken by a process this script did not start; stop it or set PRODSIM_NATS_PORT"
fi

server="$(command -v nats-server || true)"
[[ -z "$server" && -x /usr/sbin/nats-server ]] && server=/usr/sbin/nats-server
if [[ -z "$server" ]]; then
  say "nats-server not found; installing it from Debian"
  if [[ "$(id -u)" == 0 ]]; then sudo=(); else sudo=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get install -y -qq nats-server >&2 \
    || { "${sudo[@]}" apt-get update -qq >&2 && "${sudo[@]}" apt-get install -y -qq nats-server >&2; } \
    || die "apt-get install nats-server failed"
  server="$(command -v nats-server || echo /usr/sbin/nats-server)"
  [[ -x "$server" ]] || die "nats-server still not found after installing it"
fi

mkdir -p "$dir/store"
: > "$log"
# setsid: the server gets its own session, so a test runner's process group signal does not reach it.
setsid "$server" -a 127.0.0.1 -p "$port" -m "$monitor_port" -js -sd "$dir/store" -l "$log" \
  >"$dir/stdout.log" 2>&1 < /dev/null &
pid=$!
echo "$pid" > "$pidfile"

wait_ready "$pid" "$port" "$log" 'Server is ready' "$timeout" "$dir/stdout.log" 0.2 nats-server
say "$("$server" --version) running (pid $pid) on 127.0.0.1:$port with JetStream; store and log in $dir"
