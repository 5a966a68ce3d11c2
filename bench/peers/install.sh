#!/usr/bin/env bash
# Installs the peer simulators T-RECS (`trecs`) and RecLab (`reclab`) from PyPI into a private
# virtual environment outside the repository, and records what installed in peers-status.json.
#
# Why Python 3.8 when one is found: trecs 0.2.1 (its last release) pins pandas==1.0.5, which
# ships wheels only up to CPython 3.8 and does not build from source on newer Pythons. Both
# peers also need numpy < 1.24: pandas 1.0.5 uses np.bool and RecLab 0.1.2 uses np.int, aliases
# numpy 1.24 removed. Set PRODSIM_PEERS_PYTHON to choose another interpreter; a peer that fails
# to install is reported (with the gist of pip's error), and the benchmark runs without it.
#
# Usage: bash bench/peers/install.sh [--force]   (prints the venv's python path last)
set -uo pipefail

CACHE="${PRODSIM_CACHE:-$HOME/.cache/prodsim}"
FORCE=0
[ "${1:-}" = "--force" ] && FORCE=1

runs() { "$1" -c 'import venv' >/dev/null 2>&1; }

find_python() {
  if [ -n "${PRODSIM_PEERS_PYTHON:-}" ]; then echo "$PRODSIM_PEERS_PYTHON"; return; fi
  # A pyenv shim for python3.8 exists even when 3.8 is not selected, so try that it runs.
  if command -v python3.8 >/dev/null 2>&1 && runs python3.8; then command -v python3.8; return; fi
  if command -v pyenv >/dev/null 2>&1; then
    local p
    for p in "$(pyenv root)"/versions/3.8*/bin/python3.8; do [ -x "$p" ] && runs "$p" && { echo "$p"; return; }; done
  fi
  command -v python3
}

PY="$(find_python)"
if [ -z "$PY" ] || ! runs "$PY"; then
  echo "peers: no usable Python interpreter (need python3 with the venv module)" >&2
  exit 1
fi
PYVER="$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
VENV="$CACHE/peers-venv-py$PYVER"
STATUS="$VENV/peers-status.json"

if [ "$FORCE" = 0 ] && [ -f "$STATUS" ] && [ -x "$VENV/bin/python" ]; then
  echo "peers: using $VENV (installed before; --force reinstalls)" >&2
  echo "$VENV/bin/python"
  exit 0
fi

rm -rf "$VENV"
mkdir -p "$CACHE"
echo "peers: creating $VENV with $PY (Python $PYVER)" >&2
"$PY" -m venv "$VENV" || { echo "peers: could not create a venv with $PY" >&2; exit 1; }
PIP=("$VENV/bin/python" -m pip install --disable-pip-version-check --no-input)

LOG="$VENV/install.log"
: >"$LOG"
"${PIP[@]}" "numpy<1.24" threadpoolctl >>"$LOG" 2>&1 || { echo "peers: numpy<1.24 did not install on Python $PYVER (see $LOG)" >&2; exit 1; }

# gist of a failed install: the last package pip was collecting and the first error it printed.
gist() {
  local collecting dependency error
  collecting="$(grep -E '^\s*Collecting ' "$LOG.$1" | tail -n 1 | sed -E 's/^\s+//')"
  # The last direct dependency pip took on, e.g. "Collecting pandas==1.0.5 (from trecs)".
  dependency="$(grep -E '^Collecting .*\(from ' "$LOG.$1" | tail -n 1)"
  [ -n "$dependency" ] && [ "$dependency" != "$collecting" ] && collecting="$dependency, then ${collecting#Collecting }"
  error="$(grep -E '^ERROR:|[A-Za-z]+Error: ' "$LOG.$1" | head -n 1 | sed -E 's/^\s+//')"
  [ -z "$error" ] && error="$(grep -E 'error' "$LOG.$1" | tail -n 1 | sed -E 's/^\s+//')"
  printf '%s' "${collecting:+$collecting: }${error:-see $LOG.$1}" | tr -s ' ' | sed 's/"/'"'"'/g; s/\\/\//g' | cut -c1-300
}

install_peer() { # name, pip spec, import name
  local name="$1" spec="$2" module="$3"
  if "${PIP[@]}" "$spec" "numpy<1.24" >"$LOG.$name" 2>&1 && "$VENV/bin/python" -c "import $module" >>"$LOG.$name" 2>&1; then
    local version; version="$("$VENV/bin/python" -c "import importlib.metadata as m; print(m.version('$spec'))")"
    echo "peers: $name $version installed" >&2
    printf '"%s": {"installed": true, "version": "%s"}' "$name" "$version"
  else
    echo "peers: $name did NOT install on Python $PYVER: $(gist "$name")" >&2
    printf '"%s": {"installed": false, "error": "%s"}' "$name" "$(gist "$name")"
  fi
  cat "$LOG.$name" >>"$LOG"
}

TRECS="$(install_peer trecs trecs trecs)"
RECLAB="$(install_peer reclab reclab reclab)"
printf '{"python": "%s", %s, %s}\n' "$PYVER" "$TRECS" "$RECLAB" >"$STATUS"
echo "$VENV/bin/python"
