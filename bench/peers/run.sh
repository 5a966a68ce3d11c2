#!/usr/bin/env bash
# The peers benchmark in one command: installs T-RECS and RecLab from PyPI into a private venv
# (first time only; see install.sh), builds prodsim, runs the same scenarios in each, and prints
# the side-by-side table. Arguments go to compare.js, e.g.:
#   bash bench/peers/run.sh                  # default: peers stop each scenario after ~40 s
#   bash bench/peers/run.sh --full           # every peer scenario to its last step (well over an hour)
#   bash bench/peers/run.sh --out peers.json # also write every result as JSON
set -euo pipefail
cd "$(dirname "$0")/../.."

if PY="$(bash bench/peers/install.sh)"; then
  PEERS=(--python "$PY")
else
  echo "peers: could not set up the peers' Python environment; running prodsim alone" >&2
  PEERS=()
fi
npx tsc -b bench
exec node bench/dist/peers/compare.js "${PEERS[@]}" "$@"
