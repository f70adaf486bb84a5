#!/usr/bin/env bash
# Builds the once_sdk wheel (dev profile) into a virtualenv and runs
# mypy.stubtest and pytest. Needs Python >= 3.9 (3.11 in CI) and cargo.
#
#   once-sdk-py/run-tests.sh            # venv in once-sdk-py/.venv (reused)
#   FRESH=1 once-sdk-py/run-tests.sh    # recreate the venv first
#   PYTHON=python3.12 VENV=/tmp/v ...   # other interpreter / venv location
#   once-sdk-py/run-tests.sh -k fork    # extra arguments go to pytest
#
# An existing CARGO_TARGET_DIR is respected; otherwise cargo uses the
# workspace's target/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

if [ -z "${PYTHON:-}" ]; then
    PYTHON="$(command -v python3.11 || command -v python3)"
fi
VENV="${VENV:-$here/.venv}"

step() { printf '\n== %s (%s)\n' "$1" "$(date +%T)"; }

if [ "${FRESH:-0}" = 1 ]; then
    rm -rf "$VENV"
fi
if [ ! -x "$VENV/bin/python" ]; then
    step "creating $VENV with $PYTHON"
    "$PYTHON" -m venv "$VENV"
fi
py="$VENV/bin/python"

step "installing build and test tools"
"$py" -m pip install -q --disable-pip-version-check -r requirements-dev.txt

step "building the wheel (dev profile)"
wheels="$(mktemp -d)"
trap 'rm -rf "$wheels"' EXIT
"$VENV/bin/maturin" build --quiet --interpreter "$py" --out "$wheels"
"$py" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$wheels"/*.whl

# Run from outside the source tree so that the installed wheel is tested.
cd "$here/tests"

step "stubtest"
"$py" -m mypy.stubtest once_sdk

step "mypy --strict on typing_usage.py"
"$py" -m mypy --strict --no-incremental "$here/tests/typing_usage.py"

step "pytest"
"$py" -m pytest -q -c "$here/pyproject.toml" --rootdir "$here" "$here/tests" "$@"
