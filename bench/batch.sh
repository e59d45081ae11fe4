#!/usr/bin/env bash
# `vaa analyze --batch` over many calls (issue 18): N calls planned, uploaded as one JSONL input file, submitted,
# polled, their output file read, every answer judged (schema, quotes) and written back, against a local server
# speaking OpenAI's Batch API (vaa.bench.BatchBenchServer, answering each line with a valid judgement). Measures the
# vaa process only: wall, CPU (user + sys) and peak RSS, and checks every call was analysed through one batch.
#
#   bench/batch.sh [CALLS=10000] [RUNS=3]
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
CALLS="${1:-10000}"
RUNS="${2:-3}"

bench_build test
WORK="$BENCH_WORK_DIR/batch"
rm -rf "$WORK" && mkdir -p "$WORK/ws"
java -cp "$CP" vaa.bench.GenerateTranscripts "$WORK/source" "$CALLS" 7 >/dev/null
start_server "$WORK/server.out" java -Xmx2g -cp "$CP" vaa.bench.BatchBenchServer
unset LANGFUSE_PUBLIC_KEY LANGFUSE_SECRET_KEY LANGFUSE_HOST LANGFUSE_BASE_URL
# polls every 200 ms (the server ends a batch on its second poll): the figures are vaa's work, not a provider's queue
export OPENAI_BASE_URL="$URL" OPENAI_API_KEY=sk-bench NO_COLOR=1 VAA_BATCH_POLL_MS=200
cd "$WORK/ws"
JAR="$BUILD/target/vaa.jar"
F="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"

W=() C=() M=()
for ((i = 0; i < RUNS; i++)); do
  id="b$i"
  java $F -jar "$JAR" sample -n "$CALLS" --source "$WORK/source" --seed 1 --run-id "$id" </dev/null >/dev/null
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/t" java $F -jar "$JAR" analyze --run-id "$id" --model openai:bench --batch \
    </dev/null >"$WORK/out" 2>&1 || { cat "$WORK/out"; exit 1; }
  grep -q "$CALLS analysed" "$WORK/out" || { echo "not every call was analysed:"; tail -20 "$WORK/out"; exit 1; }
  [ "$(grep -c '"batch_id"' "runs/$id/batches.json")" = 1 ] || { echo "expected one batch"; cat "runs/$id/batches.json" | head; exit 1; }
  W+=("$(awk '{printf "%d", $1 * 1000}' "$WORK/t")")
  C+=("$(awk '{printf "%d", ($2 + $3) * 1000}' "$WORK/t")")
  M+=("$(awk '{printf "%d", $4 / 1024}' "$WORK/t")")
done
machine_line
echo "# vaa analyze --batch, $CALLS calls, one batch; median of $RUNS; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %10s %10s %14s %12s\n' calls "wall ms" "CPU ms" "CPU ms/call" "peak RSS MB"
c=$(median "${C[@]}")
printf '%-10s %10s %10s %14s %12s\n' "$CALLS" "$(median "${W[@]}")" "$c" "$(awk -v c="$c" -v n="$CALLS" 'BEGIN {printf "%.2f", c / n}')" "$(median "${M[@]}")"
