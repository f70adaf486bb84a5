#!/usr/bin/env bash
# CI fuzz smoke: each fuzz target's body (once-sdk/fuzz/src/lib.rs) runs on
# the committed seeds, then on mutated inputs for ONCE_FUZZ_SECS seconds
# (default 20) per target, two targets at a time. It builds nothing beyond
# what `cargo test --workspace --all-features` (scripts/test.sh) builds.
# A failing input is saved under target/fuzz-smoke/ and printed; rerun with
# the printed ONCE_FUZZ_SEED to get the same inputs. The longer coverage-
# guided run with cargo-fuzz is in docs/RELIABILITY.md, "Fuzzing".
set -euo pipefail
cd "$(dirname "$0")/.."

secs="${ONCE_FUZZ_SECS:-20}"
seed="${ONCE_FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}"
echo "fuzz smoke: ${secs}s per target, seed ${seed} (same inputs again: ONCE_FUZZ_SEED=${seed} bash scripts/fuzz-smoke.sh)"
ONCE_FUZZ_SECS="$secs" ONCE_FUZZ_SEED="$seed" \
    cargo test --workspace --all-features --locked --test fuzz_smoke -- --nocapture --test-threads=2
