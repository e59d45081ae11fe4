#!/usr/bin/env bash
# vaa next to promptfoo (issue 16): the same calls against the same local server, W = 4, 16, 32, both ratios side by
# side from one run. promptfoo is installed from the npm registry into a folder of its own under $BENCH_WORK_DIR
# (never into the project), once per version.
#
#   bench/peer-promptfoo.sh [CALLS=300] [DELAY_MS=200] [WORKERS=4,16,32] [REPEATS=1]
#
# Env: PROMPTFOO_VERSION (default 0.121.20, the version issue 16 measured); BENCH_SKIP_BUILD=1 reuse the last build.
# Needs node and npm (promptfoo 0.121 wants Node ^20.20 or >= 22.22).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
CALLS="${1:-300}"
DELAY="${2:-200}"
WORKERS="${3:-4,16,32}"
REPEATS="${4:-1}"
VERSION="${PROMPTFOO_VERSION:-0.121.20}"

PF_DIR="$BENCH_WORK_DIR/promptfoo-$VERSION"
if [ ! -x "$PF_DIR/node_modules/.bin/promptfoo" ]; then
  echo "# installing promptfoo@$VERSION into $PF_DIR" >&2
  mkdir -p "$PF_DIR"
  npm install --prefix "$PF_DIR" --no-audit --no-fund --loglevel=error "promptfoo@$VERSION" >&2
fi
bench_build test
machine_line
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg); promptfoo $("$PF_DIR/node_modules/.bin/promptfoo" --version 2>/dev/null | tail -1); node $(node --version)"
java -cp "$CP" vaa.bench.PeerBench --vaa "${BENCH_VAA:-$BUILD/vaa}" --promptfoo "$PF_DIR/node_modules/.bin/promptfoo" \
  --calls "$CALLS" --delay-ms "$DELAY" --workers "$WORKERS" --repeats "$REPEATS" --work "$BENCH_WORK_DIR/peer"
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
