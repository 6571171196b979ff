#!/usr/bin/env bash
# Set up (or refresh) the project's virtual environment in .venv.
# torch: pinned to 2.13.0 first, so that pip takes the CPU wheel on machines that keep one
# on disk (find-links) instead of pulling a multi-GB CUDA build; elsewhere this is the
# ordinary wheel for the platform. Override with STEMMEN_TORCH="torch==X.Y.Z".
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=.venv
stamp="$VENV/.stemmen-installed"

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
if [ -f "$stamp" ] && [ "$stamp" -nt pyproject.toml ] && [ "$stamp" -nt scripts/setup.sh ]; then
  exit 0
fi
pip_install() { "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$@" 2> >(grep -v "^WARNING: Location" >&2); }
extra=()
[ -d /opt/wheels ] && extra+=(--find-links /opt/wheels)
pip_install "${extra[@]}" "${STEMMEN_TORCH:-torch==2.13.0}"
pip_install "${extra[@]}" -e ".[dev]"
touch "$stamp"
