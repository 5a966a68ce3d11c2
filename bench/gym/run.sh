#!/usr/bin/env bash
# SlateEnv (prodsim.gym) beside RecLab's environment, one command: installs RecLab into the peers'
# private venv (bench/peers/install.sh, first time only), the Python package into python/.venv,
# builds prodsim, and prints steps per second and the ratios. Arguments go to compare.py, e.g.
#   bash bench/gym/run.sh --steps 5000 --budget 3      # a quick run
set -euo pipefail
cd "$(dirname "$0")/../.."

PEERS=()
if PY="$(bash bench/peers/install.sh)"; then
  PEERS=(--peers-python "$PY")
else
  echo "gym bench: could not set up the peers' Python environment; SlateEnv alone" >&2
fi
[ -x python/.venv/bin/python ] || python3 -m venv python/.venv
python/.venv/bin/pip install --disable-pip-version-check --no-input -q ./python
npx tsc -b
exec python/.venv/bin/python bench/gym/compare.py "${PEERS[@]}" "$@"
