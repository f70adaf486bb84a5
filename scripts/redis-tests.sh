#!/usr/bin/env bash
# Runs the Redis tests (tests/redis.rs: shared token store and rate
# limiter across clients and processes) against a real redis-server,
# installing Debian's redis-server package first if the binary is missing.
# The tests start their own redis-server on free 127.0.0.1 ports; nothing
# else is started or left running. With ONCE_REQUIRE_REDIS=1 a missing
# redis-server fails the tests instead of skipping them.
set -euo pipefail
cd "$(dirname "$0")/.."

have_redis() {
    [ -n "${REDIS_SERVER:-}" ] || command -v redis-server >/dev/null 2>&1 \
        || [ -x /usr/bin/redis-server ] || [ -x /usr/sbin/redis-server ]
}

if ! have_redis; then
    echo "== installing redis-server (apt-get)"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends redis-server >/dev/null
    # Debian's package may start a system service; the tests use their own
    # servers on free ports, so it is left alone either way.
fi

echo "== redis tests ($(redis-server --version 2>/dev/null | cut -d' ' -f3 || echo "REDIS_SERVER=${REDIS_SERVER:-}"))"
ONCE_REQUIRE_REDIS=1 cargo test -p once-tests --features redis --test redis --locked
