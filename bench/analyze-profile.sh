#!/usr/bin/env bash
# Where `vaa analyze` spends its time per call: one run against the delayed local server under JFR
# (bench/vaa-profile.jfc: CPU sample every 2 ms, every fsync), summarised by vaa.bench.JfrSummary.
#
#   bench/analyze-profile.sh [CALLS=400] [WORKERS=8] [DELAY_MS=200]
#
# Env: BENCH_SKIP_BUILD=1 reuse the last build; VAA_JAVA_OPTS is appended (e.g. -XX:TieredStopAtLevel=4).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
CALLS="${1:-400}"
W="${2:-8}"
DELAY="${3:-200}"

bench_build test
WORK="$BENCH_WORK_DIR/profile"
rm -rf "$WORK/ws" && mkdir -p "$WORK/ws"
[ -f "$WORK/source-$CALLS/.generated" ] || { java -cp "$CP" vaa.bench.GenerateTranscripts "$WORK/source-$CALLS" "$CALLS" 4 >&2 && touch "$WORK/source-$CALLS/.generated"; }

start_server "$WORK/server.out" java -cp "$CP" vaa.bench.JudgementServer "$DELAY" 0

cd "$WORK/ws"
"$BUILD/vaa" sample -n "$CALLS" --source "$WORK/source-$CALLS" --seed 1 --run-id prof </dev/null >/dev/null
machine_line
echo "# vaa analyze --workers $W on $CALLS calls, server delay $DELAY ms, load average $(cut -d' ' -f1-3 /proc/loadavg)"
env -u LANGFUSE_PUBLIC_KEY -u LANGFUSE_SECRET_KEY -u LANGFUSE_HOST -u LANGFUSE_BASE_URL \
  OPENAI_BASE_URL="$URL" OPENAI_API_KEY=sk-bench NO_COLOR=1 \
  VAA_JAVA_OPTS="-XX:StartFlightRecording=filename=$WORK/analyze.jfr,settings=$BENCH_DIR/vaa-profile.jfc ${VAA_JAVA_OPTS:-}" \
  /usr/bin/time -f '# vaa process: %e s wall, %U s user, %S s sys' "$BUILD/vaa" analyze --run-id prof --model openai:bench --workers "$W" \
  </dev/null 2>&1 | grep -E 'Analysis of run|vaa process'
java -cp "$CP" vaa.bench.JfrSummary "$WORK/analyze.jfr" 15
# per-call HTTP latency as vaa saw it (provenance.e2e_ms), against the server's fixed delay
jq -r '.provenance.e2e_ms' runs/prof/analyses/*.json | sort -n | awk -v d="$DELAY" '{a[NR]=$1} END {
  printf "client-seen e2e ms: p50 %d, p90 %d, p99 %d, max %d (server delay %d)\n", a[int(NR*0.5)], a[int(NR*0.9)], a[int(NR*0.99)], a[NR], d}'
