#!/usr/bin/env bash
# Dependency hygiene of the published crates, as CI checks it:
#   - once-sdk carries no server code and no CLI parser (no hyper server, no
#     clap), whatever its features;
#   - its `rustls-ring` build has no aws-lc at all, and an https client builds
#     with it (ring installed as the crypto provider);
#   - one version of each crate in the SDK's own tree.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "check-deps: FAILED: $*" >&2; exit 1; }

tree="$(cargo tree -p once-sdk -e normal,features --all-features --locked)"
if grep -qE 'hyper feature "server"|clap v' <<<"$tree"; then
    grep -E 'hyper feature "server"|clap v' <<<"$tree" | head
    fail "once-sdk pulls a server or clap"
fi
echo "once-sdk (all features): no hyper server, no clap"

ring_tree="$(cargo tree -p once-sdk -e normal --no-default-features --features rustls-ring --locked)"
if grep -q 'aws-lc' <<<"$ring_tree"; then
    fail "once-sdk with rustls-ring still pulls aws-lc"
fi
echo "once-sdk (rustls-ring): no aws-lc"
cargo test -q -p once-sdk --no-default-features --features rustls-ring --lib --locked tls_tests

dups="$(cargo tree -p once-sdk -e normal --all-features --locked -d 2>/dev/null | grep -E '^[a-z]' || true)"
[ -z "$dups" ] || fail "once-sdk's tree has two versions of: $dups"
echo "once-sdk (all features): one version of each crate"

# docs.rs builds the published crates with the features their metadata
# names: never the internal ones (`fuzzing`), never `all-features`.
for manifest in */Cargo.toml; do
    meta="$(sed -n '/^\[package.metadata.docs.rs\]/,/^\[/p' "$manifest")"
    [ -n "$meta" ] || continue
    if grep -qE 'all-features *= *true|"fuzzing"' <<<"$meta"; then
        fail "$manifest: docs.rs metadata turns on internal features (name the public ones)"
    fi
done
echo "docs.rs metadata: public features only"
