#!/usr/bin/env bash
# Stops the nats-server that start.sh started (only that PID, read from its pid file). Idempotent.
#   stop.sh          SIGTERM, then SIGKILL after 15 s
#   stop.sh --kill   SIGKILL at once (what the fault tests use to simulate a crash)
#   stop.sh --purge  stop, then delete the temporary folder (store and log)
set -euo pipefail
name="nats dev-server"
dir="${PRODSIM_NATS_DIR:-${TMPDIR:-/tmp}/prodsim-nats}"
pidfile="$dir/nats.pid"
match="nats-server"
source "$(dirname "${BASH_SOURCE[0]}")/../../dev-service-lib.sh"
stop_service 15 "${1:-}"
