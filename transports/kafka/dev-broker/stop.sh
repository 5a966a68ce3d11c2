#!/usr/bin/env bash
# Stops the broker that start.sh started (only that PID, read from its pid file). Idempotent.
#   stop.sh          SIGTERM, then SIGKILL after 30 s (a clean shutdown)
#   stop.sh --kill   SIGKILL at once (what the fault tests use to simulate a crash)
#   stop.sh --purge  stop, then delete the temporary folder (data and logs)
set -euo pipefail
name="kafka dev-broker"
dir="${PRODSIM_KAFKA_DIR:-${TMPDIR:-/tmp}/prodsim-kafka}"
pidfile="$dir/kafka.pid"
match="kafka.Kafka"
source "$(dirname "${BASH_SOURCE[0]}")/../../dev-service-lib.sh"
stop_service 30 "${1:-}"
