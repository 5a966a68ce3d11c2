#!/usr/bin/env bash
# Creates .venv next to this script and installs requirements.txt into it (from PyPI).
# Idempotent: does nothing when the venv already has exactly these requirements.
#   PYTHON=python3.11 ./setup.sh    to pick the interpreter (3.9 or newer)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"

if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "recommender-python: .venv is up to date" >&2
  exit 0
fi

command -v "$python" >/dev/null || { echo "recommender-python: $python not found; set PYTHON" >&2; exit 1; }
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 9))' || { echo "recommender-python: needs Python 3.9 or newer ($("$python" --version))" >&2; exit 1; }
# A venv left half-made (say, by an interrupted run) has no pip: make it again.
if ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
  rm -rf "$venv"
  "$python" -m venv "$venv" || { echo "recommender-python: $python -m venv failed (on Debian: apt-get install python3-venv)" >&2; exit 1; }
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
echo "$want" > "$stamp"
echo "recommender-python: installed $(tr '\n' ' ' < "$here/requirements.txt")into $venv" >&2
