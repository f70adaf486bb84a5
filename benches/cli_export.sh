#!/usr/bin/env bash
# `once sims list --all -o csv` of a 100,000-SIM fleet against one page:
# peak RSS of the CLI (release), time to the first byte, and `| head -1`.
# The sandbox runs as a process of its own, so its memory is not counted.
#
#   cargo build --release -p once-cli -p once-sandbox
#   bash benches/cli_export.sh [SIMS]
set -euo pipefail
SIMS="${1:-100000}"
R="${CARGO_TARGET_DIR:-$(cd "$(dirname "$0")/.." && pwd)/target}/release"
work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$R/once-sandbox" --port "$port" --sims "$SIMS" --no-rate-limits > "$work/sandbox.log" 2>&1 &
sandbox=$!
trap 'kill $sandbox 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 200); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
export ONCE_BASE_URL="http://127.0.0.1:$port" ONCE_CLIENT_ID=sandbox-client \
    ONCE_CLIENT_SECRET=sandbox-secret ONCE_NO_TOKEN_CACHE=1 HOME="$work"
rss() { /usr/bin/time -f "%M" -o "$work/rss" "$@" > /dev/null; cat "$work/rss"; }

echo "one page (100 SIMs):   peak RSS $(rss "$R/once" sims list --page-size 100 -o csv) kB"
start=$(date +%s.%N)
/usr/bin/time -f "%M %e" -o "$work/all" "$R/once" sims list --all -o csv > "$work/all.csv" &
all=$!
while [ ! -s "$work/all.csv" ]; do sleep 0.005; done
first=$(date +%s.%N)
wait $all
read -r kb secs < "$work/all"
echo "--all ($SIMS SIMs):   peak RSS $kb kB, $secs s, first byte after $(echo "$first - $start" | bc) s, $(wc -l < "$work/all.csv") lines, $(stat -c %s "$work/all.csv") bytes"
start=$(date +%s.%N)
"$R/once" sims list --all -o csv | head -1 > /dev/null
echo "--all | head -1:        $(echo "$(date +%s.%N) - $start" | bc) s"
