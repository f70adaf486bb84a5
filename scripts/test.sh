#!/usr/bin/env bash
# Runs every test of the project: the Rust workspace (with the sandbox
# feature) and, when present, the Python wheel's suite.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --workspace --all-features --locked

# The Python wheel: builds it into a fresh virtualenv (once-sdk-py/.venv,
# recreated: about 10 s), checks the stubs against the module
# (mypy.stubtest) and runs the pytest suite.
FRESH=1 bash once-sdk-py/run-tests.sh
