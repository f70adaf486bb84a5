#!/usr/bin/env bash
# Builds every release artefact into dist/ and verifies each as a stranger
# would use it, then prints their sha256 sums:
#
#   - the .crate of every publishable workspace crate (`cargo publish
#     --dry-run`), each unpacked in a temporary directory, built and tested
#     there on its own (its workspace siblings taken from their .crate files,
#     never from this checkout);
#   - the Python sdist, installed from source into a fresh virtualenv;
#   - the manylinux2014 (glibc 2.17) wheel, built with zig as the linker,
#     stripped, at most 5 MB, installed into a fresh virtualenv;
#   - both Python installs pass a smoke test (sandbox, list, quota, error).
#
#   bash scripts/release.sh            # everything
#   RELEASE_SDIST_PROFILE=dev ...      # build the sdist's smoke install in
#                                      # the dev profile (CI: saves minutes)
#
# Needs cargo and Python >= 3.9; maturin and ziglang come from PyPI into a
# virtualenv of its own (target/release-tools).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
dist="$root/dist"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
step() { printf '\n== release: %s (%s)\n' "$1" "$(date +%T)"; }
fail() { echo "release: FAILED: $*" >&2; exit 1; }

PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
target="${CARGO_TARGET_DIR:-$root/target}"
# The wheel carries the SDK, the sandbox and the `once` CLI. It was under
# 5 MiB until 1NCE OS came in (72 operations as blocking and asyncio Python
# methods, 59 models, 72 CLI commands, the sandbox's OS): 6,851,209 bytes on
# 2026-12-05. The cap stops unnoticed growth, not that: 8 MiB.
max_wheel_bytes=$((8 * 1024 * 1024))

rm -rf "$dist"
mkdir -p "$dist"

step "release tools (maturin, ziglang) in target/release-tools"
tools="$target/release-tools"
[ -x "$tools/bin/python" ] || "$PYTHON" -m venv "$tools"
"$tools/bin/python" -m pip install -q --disable-pip-version-check \
    "$(grep '^maturin==' once-sdk-py/requirements-dev.txt)" "ziglang==0.17.1"
maturin="$tools/bin/maturin"
export PATH="$tools/bin:$PATH"

# ---------------------------------------------------------------- crates
crates="$(cargo metadata --format-version 1 --no-deps --locked | "$PYTHON" -c '
import json, sys
m = json.load(sys.stdin)
members = set(m["workspace_members"])
for p in m["packages"]:
    if p["id"] in members and p.get("publish") != []:
        print(p["name"])
')"
[ -n "$crates" ] || fail "no publishable crate found"
echo "publishable crates: $(echo $crates | tr '\n' ' ')"

step "cargo publish --dry-run (metadata, packaging; the build from the .crate follows)"
pkg_args=()
for c in $crates; do pkg_args+=(-p "$c"); done
# --no-verify: cargo's own check builds each package without its tests; the
# step below builds and tests each one from its .crate instead.
cargo publish --dry-run --no-verify --locked --allow-dirty "${pkg_args[@]}"
cargo package --no-verify --locked --allow-dirty "${pkg_args[@]}" >/dev/null
for c in $crates; do
    f="$(ls "$target/package/$c"-[0-9]*.crate)"
    cp "$f" "$dist/"
done

step "each .crate unpacked on its own: LICENSE and README inside, tests pass"
patches=()
for f in "$dist"/*.crate; do
    tar -xzf "$f" -C "$work"
done
# Fresh mtimes: cargo names a path package's build by its name and version,
# not its directory, so files older than an earlier build of the same
# version in this target directory would be taken as already built.
find "$work" -type f -exec touch {} +
for c in $crates; do
    dir="$(ls -d "$work/$c"-[0-9]*)"
    patches+=(--config "patch.crates-io.$c.path=\"$dir\"")
done
for c in $crates; do
    dir="$(ls -d "$work/$c"-[0-9]*)"
    for f in LICENSE README.md Cargo.toml; do
        [ -f "$dir/$f" ] || fail "$c: $f is missing from the .crate"
    done
    grep -q "Apache License" "$dir/LICENSE" || fail "$c: LICENSE is not the Apache-2.0 text"
    echo "-- $c: cargo test in $(basename "$dir"), outside the workspace"
    # No debug info and no incremental state here: outside the workspace
    # its profile does not apply, and full debug info made these test
    # binaries 100 MB each, doubling CI's disk use (a CI run ran out).
    (cd "$dir" && CARGO_TARGET_DIR="$target" CARGO_PROFILE_DEV_DEBUG=0 \
        CARGO_INCREMENTAL=0 cargo test -q "${patches[@]}" \
        > "$work/$c-test.log" 2>&1) || {
        tail -40 "$work/$c-test.log"
        fail "$c: its tests fail when built from the .crate"
    }
    grep -E "^test result" "$work/$c-test.log" | awk '{p+=$4; f+=$6} END {print "   " p " passed, " f " failed"}'
done

# ---------------------------------------------------------------- Python
smoke() { # $1: a virtualenv with once_sdk installed
    "$1/bin/python" - <<'PY'
import once_sdk

with once_sdk.Sandbox(sims=12, seed=3) as sandbox:
    client = sandbox.client()
    sims = list(client.sims.list(page_size=5))
    assert len(sims) == 12, len(sims)
    quota = client.sims.data_quota(sims[0].iccid)
    assert quota.volume is not None and quota.volume >= 0, quota
    try:
        client.sims.get("123")
    except once_sdk.ValidationError as e:
        assert "iccid" in str(e).lower(), e
    else:
        raise AssertionError("a bad ICCID was not refused")
    sandbox.inject(once_sdk.Fault.status(400).path("/v2/sims/*/quota/data"))
    try:
        client.sims.data_quota(sims[1].iccid)
    except once_sdk.ApiError as e:
        assert e.status == 400, e
    else:
        raise AssertionError("an injected 400 was not an ApiError")
print("smoke test passed:", once_sdk.__name__, "list, quota, validation error, API error")
PY
    # The wheel's `once` console script runs the Rust CLI.
    "$1/bin/once" --sandbox sims list --page-size 2 -o json | "$1/bin/python" -c \
        "import json, sys; assert len(json.load(sys.stdin)) == 2; print('once console script: ok')"
}

step "sdist"
"$maturin" sdist -m once-sdk-py/Cargo.toml --out "$dist"
sdist="$(ls "$dist"/once_sdk-*.tar.gz)"
listing="$(tar -tzf "$sdist")"
grep -qE '^[^/]+/LICENSE$' <<<"$listing" || fail "the sdist has no LICENSE"
grep -qE '^[^/]+/PKG-INFO$' <<<"$listing" || fail "the sdist has no PKG-INFO"

step "sdist installs from source into a fresh virtualenv"
"$PYTHON" -m venv "$work/venv-sdist"
if [ "${RELEASE_SDIST_PROFILE:-release}" = dev ]; then
    # maturin's PEP 517 backend takes extra build arguments from here.
    export MATURIN_PEP517_ARGS="--profile dev"
fi
CARGO_TARGET_DIR="$target" "$work/venv-sdist/bin/python" -m pip install -q \
    --disable-pip-version-check "$sdist"
unset MATURIN_PEP517_ARGS
smoke "$work/venv-sdist"

step "manylinux2014 wheel (zig linker, profile wheel: LTO, size-minded, stripped)"
"$maturin" build --profile wheel --zig --compatibility manylinux2014 --strip \
    -m once-sdk-py/Cargo.toml -i "$PYTHON" --out "$dist"
wheel="$(ls "$dist"/once_sdk-*.whl)"
case "$(basename "$wheel")" in
    *manylinux_2_17_x86_64*|*manylinux2014_x86_64*) ;;
    *) fail "the wheel is not tagged manylinux2014: $(basename "$wheel")" ;;
esac
size=$(stat -c %s "$wheel")
[ "$size" -le "$max_wheel_bytes" ] || fail "the wheel is $size bytes, over $max_wheel_bytes"
"$PYTHON" - "$wheel" <<'PY' || fail "the wheel's contents"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
assert any(n.endswith(".dist-info/licenses/LICENSE") or n.endswith(".dist-info/LICENSE") for n in names), names
assert any(n.endswith("py.typed") for n in names), "py.typed"
meta = z.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
for needle in ("Classifier: Typing :: Typed", "Project-URL: Repository", "pip install once-sdk"):
    assert needle in meta, needle
so = next(n for n in names if n.endswith(".so"))
print(f"wheel: {len(names)} files, {so} {z.getinfo(so).file_size} bytes unpacked")
PY
if command -v objdump >/dev/null; then
    "$PYTHON" -c "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); \
open(sys.argv[2], 'wb').write(z.read(next(n for n in z.namelist() if n.endswith('.so'))))" \
        "$wheel" "$work/mod.so"
    glibc="$(objdump -T "$work/mod.so" \
        | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)"
    echo "newest glibc symbol version needed: $glibc"
    "$PYTHON" -c "import sys; v=tuple(map(int,'${glibc#GLIBC_}'.split('.'))); sys.exit(0 if v <= (2,17) else 1)" \
        || fail "the module needs $glibc, newer than manylinux2014's 2.17"
    sections="$(objdump -h "$work/mod.so")"
    if grep -q '\.debug_' <<<"$sections"; then fail "the module still has debug sections"; fi
fi

step "the wheel installs into a fresh virtualenv"
"$PYTHON" -m venv "$work/venv-wheel"
"$work/venv-wheel/bin/python" -m pip install -q --disable-pip-version-check "$wheel"
smoke "$work/venv-wheel"

step "artefacts"
ls -l "$dist"
(cd "$dist" && sha256sum *)
