#!/usr/bin/env bash
# The fixed (per-process) cost of `vaa analyze`: CPU and wall of analysing ONE call against the local delayed
# server, next to `vaa runs list`, with the launcher's flags, with an AppCDS archive trained on an analyze run,
# and with C2 (-XX:TieredStopAtLevel=4). This is the part of "CPU per call" that a batch pays once.
#
#   bench/analyze-fixed-cost.sh [RUNS=5] [DELAY_MS=200]
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
RUNS="${1:-5}"
DELAY="${2:-200}"

bench_build test
WORK="$BENCH_WORK_DIR/fixed-cost"
rm -rf "$WORK" && mkdir -p "$WORK/ws"
java -cp "$CP" vaa.bench.GenerateTranscripts "$WORK/source" 200 4 >/dev/null
start_server "$WORK/server.out" java -cp "$CP" vaa.bench.JudgementServer "$DELAY" 0
unset LANGFUSE_PUBLIC_KEY LANGFUSE_SECRET_KEY LANGFUSE_HOST LANGFUSE_BASE_URL
export OPENAI_BASE_URL="$URL" OPENAI_API_KEY=sk-bench NO_COLOR=1
cd "$WORK/ws"
JAR="$BUILD/target/vaa.jar"
F="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"
fresh_run() {   # prints the id of a new run with 20 sampled calls
  local id="r$(date +%s%N)"
  "$BUILD/vaa" sample -n 20 --source "$WORK/source" --seed 1 --run-id "$id" </dev/null >/dev/null || exit 1
  echo "$id"
}
# AppCDS: the launcher's archive (made by the samples above from vaa.StartupTraining, which runs an analysis), and
# one made here from a real analyze run (8 calls, 8 workers) for comparison
LAUNCHER_JSA="$BUILD/target/vaa.jsa"
[ -f "$LAUNCHER_JSA" ] || fresh_run >/dev/null
r=$(fresh_run); java $F -XX:ArchiveClassesAtExit="$WORK/analyze.jsa" -jar "$JAR" analyze --run-id "$r" --model openai:bench --workers 8 --limit 8 </dev/null >/dev/null 2>&1

declare -A W C
VARIANTS=("runs list|launcher flags" "analyze 1 call|launcher flags" "analyze 1 call|+ launcher's AppCDS" "analyze 1 call|+ AppCDS of an analyze" "analyze 1 call|C2 (TieredStopAtLevel=4)")
for ((i = 0; i < RUNS; i++)); do
  for v in "${VARIANTS[@]}"; do
    case "$v" in
      "runs list|launcher flags") cmd=(java $F -jar "$JAR" runs list) ;;
      "analyze 1 call|launcher flags") cmd=(java $F -jar "$JAR" analyze --run-id "$(fresh_run)" --model openai:bench --limit 1) ;;
      "analyze 1 call|+ launcher's AppCDS") cmd=(java $F -XX:SharedArchiveFile="$LAUNCHER_JSA" -Xlog:cds=off -jar "$JAR" analyze --run-id "$(fresh_run)" --model openai:bench --limit 1) ;;
      "analyze 1 call|+ AppCDS of an analyze") cmd=(java $F -XX:SharedArchiveFile="$WORK/analyze.jsa" -jar "$JAR" analyze --run-id "$(fresh_run)" --model openai:bench --limit 1) ;;
      "analyze 1 call|C2 (TieredStopAtLevel=4)") cmd=(java $F -XX:TieredStopAtLevel=4 -jar "$JAR" analyze --run-id "$(fresh_run)" --model openai:bench --limit 1) ;;
    esac
    /usr/bin/time -f '%e %U %S' -o "$WORK/t" "${cmd[@]}" </dev/null >"$WORK/out" 2>&1 || { cat "$WORK/out"; exit 1; }
    grep -q '1 analysed' "$WORK/out" || [ "${v%%|*}" = "runs list" ] || { echo "analyze did not analyse:"; cat "$WORK/out"; exit 1; }
    W["$v"]+="$(awk '{printf "%d", $1 * 1000}' "$WORK/t") "
    C["$v"]+="$(awk '{printf "%d", ($2 + $3) * 1000}' "$WORK/t") "
  done
done
machine_line
echo "# median of $RUNS; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-18s %-26s %10s %10s\n' command jvm "wall ms" "CPU ms"
for v in "${VARIANTS[@]}"; do
  printf '%-18s %-26s %10s %10s\n' "${v%%|*}" "${v#*|}" "$(median ${W[$v]})" "$(median ${C[$v]})"
done
# classes an analysis of one call loads through the launcher, and how many come from its archive
VAA_JAVA_OPTS="-Xlog:class+load:file=$WORK/classes.log" "$BUILD/vaa" analyze --run-id "$(fresh_run)" --model openai:bench --limit 1 </dev/null >/dev/null 2>&1
echo "# classes loaded by 'analyze' of one call (launcher): $(grep -c 'source:' "$WORK/classes.log"), $(grep -c 'shared objects file (top)' "$WORK/classes.log") from the launcher's archive, $(grep -c 'shared objects file$' "$WORK/classes.log") from the JDK's; top packages outside java.*/jdk.*/sun.*:"
grep -o '^\[[^]]*\]\[info\]\[class,load\] [^ ]*' "$WORK/classes.log" | awk '{print $2}' | grep -Ev '^(java|jdk|sun|com\.sun)\.' \
  | sed -E 's/^(kotlin|com\.openai|com\.fasterxml\.jackson|okhttp3|okio|picocli|vaa|org\.jline|org\.apache\.lucene)\..*/\1/' | sort | uniq -c | sort -rn | head -8 | sed 's/^/#     /'
