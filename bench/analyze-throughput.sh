#!/usr/bin/env bash
# Analyze throughput benchmark (issue 4): `vaa analyze --workers W` against a local OpenAI-compatible server that
# answers every request after a fixed delay; calls/s vs the ideal W/latency, and the vaa process's CPU per call.
#
#   bench/analyze-throughput.sh [CALLS=400] [DELAY_MS=200] [WORKERS=1,8,32] [REPEATS=1]
#
# vaa runs through the launcher of the private build (its JVM flags; add more with VAA_JAVA_OPTS) as a separate
# process from the server (vaa.bench.AnalyzeThroughputBench, which hosts vaa.bench.JudgementServer).
# Env: BENCH_SKIP_BUILD=1 reuse the last build; BENCH_VAA="java -jar /path/vaa.jar" to run vaa another way;
# BENCH_FLOOR=true also runs the same calls from vaa.bench.BareClient (a JVM process that only sends them), the floor.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
CALLS="${1:-400}"
DELAY="${2:-200}"
WORKERS="${3:-1,8,32}"
REPEATS="${4:-1}"

bench_build test
machine_line
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg); VAA_JAVA_OPTS='${VAA_JAVA_OPTS:-}'"
java -cp "$CP" vaa.bench.AnalyzeThroughputBench --vaa "${BENCH_VAA:-$BUILD/vaa}" --calls "$CALLS" --delay-ms "$DELAY" \
  --workers "$WORKERS" --repeats "$REPEATS" --work "$BENCH_WORK_DIR/analyze" --floor "${BENCH_FLOOR:-false}"
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
