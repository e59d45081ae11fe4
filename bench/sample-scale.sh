#!/usr/bin/env bash
# Sampling-scale benchmark (issue 3): wall time of `vaa sample -n 500` on a generated 100,000-file tree next to
# `find TREE -type f | wc -l` on the same tree, warm cache, median of RUNS; the ratio is the figure (target < 3x).
#
#   bench/sample-scale.sh [FILES=100000] [RUNS=5] [N=500]
#
# The tree (canonical transcripts, see src/test/java/vaa/bench/GenerateTranscripts.java) is generated once under
# $BENCH_WORK_DIR and reused while FILES and the generator are unchanged. Each vaa run gets a fresh --run-id.
# Env: BENCH_SKIP_BUILD=1 reuse the last build; VAA_JAVA_OPTS is passed to the launcher as usual.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
FILES="${1:-100000}"
RUNS="${2:-5}"
N="${3:-500}"

bench_build test
TREE="$BENCH_WORK_DIR/tree-$FILES"
STAMP="$FILES $(sha256sum "$BUILD/src/test/java/vaa/bench/GenerateTranscripts.java" | cut -c1-16)"
if [ "$(cat "$TREE/.generated" 2>/dev/null)" != "$STAMP" ]; then
  rm -rf "$TREE"
  java -cp "$CP" vaa.bench.GenerateTranscripts "$TREE" "$FILES" 1 >&2
  echo "$STAMP" > "$TREE/.generated"
fi
WS="$BENCH_WORK_DIR/sample-ws"
rm -rf "$WS" && mkdir -p "$WS"
cd "$WS"

k=0
run_sample() {   # $1 = how: launcher | jar, $2 = N
  k=$((k + 1))
  if [ "$1" = launcher ]; then
    /usr/bin/time -f '%e %U %S' -o "$WS/time.txt" "$BUILD/vaa" sample -n "${2:-$N}" --source "$TREE" --seed 1 --run-id "bench_$k" </dev/null >"$WS/out.txt" 2>&1
  else
    /usr/bin/time -f '%e %U %S' -o "$WS/time.txt" java -jar "$BUILD/target/vaa.jar" sample -n "${2:-$N}" --source "$TREE" --seed 1 --run-id "bench_$k" </dev/null >"$WS/out.txt" 2>&1
  fi || { cat "$WS/out.txt"; exit 1; }
  rm -rf "$WS/runs/bench_$k"   # keep the workspace small; each run is new anyway
}
ms_of() { awk '{printf "%d", $1 * 1000}' "$WS/time.txt"; }
cpu_of() { awk '{printf "%d", ($2 + $3) * 1000}' "$WS/time.txt"; }

# warm the page cache and the dentry cache for both
find "$TREE" -type f | wc -l >/dev/null
run_sample launcher
COUNT=$(find "$TREE" -type f | wc -l)
FIND=() ; LAUNCH=() ; LAUNCH_CPU=() ; JAR=() ; HELP=() ; ONE=() ; ONE_CPU=()
for ((r = 0; r < RUNS; r++)); do
  s=$(date +%s%N); find "$TREE" -type f | wc -l >/dev/null; e=$(date +%s%N); FIND+=($(( (e - s) / 1000000 )))
  run_sample launcher; LAUNCH+=($(ms_of)); LAUNCH_CPU+=($(cpu_of))
  run_sample jar; JAR+=($(ms_of))
  run_sample launcher 1; ONE+=($(ms_of)); ONE_CPU+=($(cpu_of))
  s=$(date +%s%N); "$BUILD/vaa" runs list </dev/null >/dev/null 2>&1; e=$(date +%s%N); HELP+=($(( (e - s) / 1000000 )))
done
f=$(median "${FIND[@]}"); l=$(median "${LAUNCH[@]}"); j=$(median "${JAR[@]}"); h=$(median "${HELP[@]}"); o=$(median "${ONE[@]}")
machine_line
echo "# tree: $TREE ($COUNT files, $(du -sh "$TREE" | cut -f1)); vaa sample -n $N --seed 1; median of $RUNS, warm cache"
grep -E '^(Source|Drew)' "$WS/out.txt" | sed 's/^/# last run: /'
printf '%-44s %10s %12s\n' what "median ms" "ratio/find"
printf '%-44s %10s %12s\n' "find TREE -type f | wc -l" "$f" 1.00
printf '%-44s %10s %12s\n' "./vaa sample -n $N (launcher)" "$l" "$(ratio "$l" "$f")"
printf '%-44s %10s %12s\n' "java -jar target/vaa.jar sample -n $N" "$j" "$(ratio "$j" "$f")"
printf '%-44s %10s %12s\n' "./vaa sample -n 1 (start-up + full scan)" "$o" "$(ratio "$o" "$f")"
printf '%-44s %10s %12s\n' "./vaa runs list (JVM + CLI start-up floor)" "$h" "$(ratio "$h" "$f")"
echo "# CPU (user+sys) median: sample -n $N $(median "${LAUNCH_CPU[@]}") ms, sample -n 1 $(median "${ONE_CPU[@]}") ms, on $(nproc) cores"
echo "# so the $N drawn files cost $((l - o)) ms wall and $(( $(median "${LAUNCH_CPU[@]}") - $(median "${ONE_CPU[@]}") )) ms CPU ($(awk -v a=$((l - o)) -v n="$N" 'BEGIN {printf "%.1f", a / n}') ms wall per file)"
echo "# raw ms: find ${FIND[*]} | launcher ${LAUNCH[*]} | jar ${JAR[*]} | -n 1 ${ONE[*]} | runs list ${HELP[*]}"
# where the scan's time goes: in-process listing, product scanner vs a name-only walk vs find (no JVM start-up)
java -cp "$CP" vaa.bench.ScanAlternatives "$TREE" "$RUNS"
