#!/usr/bin/env bash
# Runs the service from .venv (run ./setup.sh first). Arguments go to app.py, e.g.
#   ./run.sh --port 8082 --brokers 127.0.0.1:9092 --topic movielog1
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[[ -x "$here/.venv/bin/python" ]] || { echo "recommender-python: no .venv yet; run $here/setup.sh first" >&2; exit 1; }
cd "$here"
exec "$here/.venv/bin/python" -u app.py "$@"
