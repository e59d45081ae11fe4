#!/usr/bin/env bash
# Export + query benchmark (issue 18): `vaa runs export --format parquet` and a group-by `vaa runs query` over
# CALLS analyses split across 3 runs, each its own process through the real launcher with the heap capped at
# 512 MB (VAA_JAVA_OPTS=-Xmx512m), warm page cache, median of RUNS. Reports wall, CPU (user+sys), peak RSS (the JVM
# plus DuckDB's native memory) and the peak Java heap in use (the largest "before" of any GC in -Xlog:gc, or the heap
# used at exit when that is more: garbage included, so an upper bound of what the heap needs), plus the
# fixed cost of the engine: the same query over a one-call run.
#
#   bench/query.sh [CALLS=100000] [RUNS=3]
#
# The runs are written once under $BENCH_WORK_DIR by vaa.perf.GenerateAnalysesMain (realistic analysis files,
# 2 KB each) and reused while CALLS and the generator are unchanged.
# Env: BENCH_SKIP_BUILD=1 reuse the last build; HEAP (default 512m) the -Xmx every timed process gets.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
CALLS="${1:-100000}"
RUNS="${2:-3}"
HEAP="${HEAP:-512m}"
SQL="select run_id, outcome, count(*) as calls, avg(task_completed::int) as completed,
  avg(duration_s) as avg_duration_s, sum(friction_count) as friction
  from calls group by all order by all"

bench_build test
WS="$BENCH_WORK_DIR/query-ws-$CALLS"
STAMP="$CALLS $(sha256sum "$BUILD/src/test/java/vaa/perf/GenerateAnalysesMain.java" | cut -c1-16)"
if [ "$(cat "$WS/.generated" 2>/dev/null)" != "$STAMP" ]; then
  rm -rf "$WS" && mkdir -p "$WS"
  per=$(( CALLS / 3 ))
  for i in 1 2 3; do
    n=$per; [ "$i" = 3 ] && n=$(( CALLS - 2 * per ))
    java -cp "$CP" vaa.perf.GenerateAnalysesMain "$WS" "month_$i" "$n" >&2
  done
  java -cp "$CP" vaa.perf.GenerateAnalysesMain "$WS" "tiny" 1 >&2
  echo "$STAMP" > "$WS/.generated"
fi
cd "$WS"
OUT="$BENCH_WORK_DIR/query-out"
mkdir -p "$OUT"

timed() {   # $1 = label; the rest: vaa arguments. Appends "wall cpu rss_mb heap_mb" to $OUT/$1.txt
  local label="$1"; shift
  /usr/bin/time -f '%e %U %S %M' -o "$OUT/time.txt" env VAA_JAVA_OPTS="-Xmx$HEAP -Xlog:gc,gc+heap+exit:file=$OUT/gc.log" \
    "$BUILD/vaa" "$@" </dev/null >"$OUT/stdout.txt" 2>"$OUT/stderr.txt" || { cat "$OUT/stderr.txt"; exit 1; }
  local heap   # the most the heap held: before any GC, or at exit (a short process may never collect)
  heap=$(awk '{ while (match($0, /[0-9]+M->/)) { v = substr($0, RSTART, RLENGTH - 3) + 0; if (v > m) m = v; $0 = substr($0, RSTART + RLENGTH) } }
              /generation +total/ { for (i = 1; i <= NF; i++) if ($i == "used") { u += $(i + 1) + 0 } }
              END { u = int(u / 1024); print (u > m ? u : m) + 0 }' "$OUT/gc.log")
  awk -v h="${heap:-0}" '{printf "%d %d %d %d\n", $1 * 1000, ($2 + $3) * 1000, $4 / 1024, h}' "$OUT/time.txt" >> "$OUT/$label.txt"
}
col() { awk -v c="$2" '{print $c}' "$OUT/$1.txt"; }
report() {   # label, description
  printf '| %s | %s | %s | %s | %s |\n' "$2" "$(median $(col "$1" 1))" "$(median $(col "$1" 2))" \
    "$(median $(col "$1" 3))" "$(median $(col "$1" 4))"
}

machine_line
echo "# load average: $(cut -d' ' -f1-3 /proc/loadavg); $CALLS analyses in 3 runs; heap cap $HEAP; median of $RUNS"
rm -f "$OUT"/*.txt
timed warm runs query --runs month_1,month_2,month_3 --csv "select count(*) from calls"   # page cache, AppCDS archive
cp "$OUT/stdout.txt" "$OUT/count.txt"
for ((r = 0; r < RUNS; r++)); do
  timed export runs export --runs month_1,month_2,month_3 --format parquet --out "$OUT/calls.parquet"
  timed fixed runs query --runs tiny "$SQL"
  timed query runs query --runs month_1,month_2,month_3 "$SQL"
done
echo
echo "| command | wall ms | CPU ms | peak RSS MB | peak heap in use MB |"
echo "|---|---:|---:|---:|---:|"
report export "\`runs export --format parquet\` ($CALLS calls)"
report query "\`runs query\` group-by ($CALLS calls)"
report fixed "\`runs query\` group-by (1 call: start-up + DuckDB load)"
echo
echo "calls counted: $(tail -1 "$OUT/count.txt"); parquet file: $(du -k "$OUT/calls.parquet" | cut -f1) KB"
echo "last query answer:"; cat "$OUT/stdout.txt"
