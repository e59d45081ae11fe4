#!/usr/bin/env bash
# Rate-limit benchmark (issue 16): `vaa analyze --workers W` against a local server that allows RPS requests a second
# while the demand is W / delay (default 8 / 200 ms = 40/s, 4× the limit of 10/s). Per scenario: the share of 429
# answers, the rate sustained after start-up as a share of the limit, and whether every call was done.
#
#   bench/rate-limit.sh [CALLS=300] [WORKERS=8] [RPS=10] [SCENARIOS=all] [DELAY_MS=200]
#
# SCENARIOS: comma-separated names from vaa.bench.RateLimitBench (headers, headers-60s, headers-no-retry-after, tokens,
# no-headers, no-headers-no-retry-after, stated-rpm, unlimited, far-from-limit). Env: BENCH_SKIP_BUILD=1 reuse the last build.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
CALLS="${1:-300}"
WORKERS="${2:-8}"
RPS="${3:-10}"
SCENARIOS="${4:-headers,headers-60s,headers-no-retry-after,tokens,no-headers,no-headers-no-retry-after,stated-rpm,unlimited,far-from-limit}"
DELAY="${5:-200}"

bench_build test
machine_line
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$CP" vaa.bench.RateLimitBench --vaa "${BENCH_VAA:-$BUILD/vaa}" --calls "$CALLS" --workers "$WORKERS" --rps "$RPS" \
  --delay-ms "$DELAY" --scenarios "$SCENARIOS" --work "$BENCH_WORK_DIR/rate-limit"
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
