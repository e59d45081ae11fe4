#!/usr/bin/env bash
# Start-up benchmark (issue 2): median wall time of `vaa --help` and `vaa runs list`, through the real launcher
# and with JVM option variants (plain java -jar, the launcher's flags, AppCDS archive, -XX:-UsePerfData).
#
#   bench/startup.sh [RUNS=10]
#
# Env: BENCH_SKIP_BUILD=1 reuse the last build; BENCH_BUILD_DIR / BENCH_WORK_DIR override the temp dirs.
# Variants run round-robin (one of each per round), so machine noise hits them all alike.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
RUNS="${1:-10}"

bench_build
JAR="$BUILD/target/vaa.jar"
LAUNCHER_FLAGS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"
WS="$BENCH_WORK_DIR/startup-ws"
rm -rf "$WS" && mkdir -p "$WS"
cd "$WS"
for i in 1 2 3; do   # a workspace with a few runs, so `runs list` has something to read
  "$BUILD/vaa" sample -n 5 --seed "$i" --source "$BUILD/customer_data" --run-id "bench_run_$i" </dev/null >/dev/null
done

# AppCDS (JDK 17 dynamic archive): one training run of `runs list` dumps the classes it loaded; the launcher's own
# archive (target/vaa.jsa, made by the samples above) comes from vaa.StartupTraining (help, sample, analyze, runs list)
LAUNCHER_JSA="$BUILD/target/vaa.jsa"
[ -f "$LAUNCHER_JSA" ] || { echo "the launcher made no $LAUNCHER_JSA"; exit 1; }
JSA="$WS/vaa-cds.jsa"
java $LAUNCHER_FLAGS -XX:ArchiveClassesAtExit="$JSA" -jar "$JAR" runs list </dev/null >/dev/null 2>"$WS/cds-dump.log"
[ -f "$JSA" ] || { echo "AppCDS dump failed:"; cat "$WS/cds-dump.log"; exit 1; }

declare -A CMD
VARIANTS=(launcher java-plain java-launcher-flags java-launcher-flags+cds java-launcher-flags+launcher-cds java-launcher-flags+cds-noperf java-c2+cds jvm-floor)
CMD[launcher]="$BUILD/vaa"
CMD[java-plain]="java -jar $JAR"
CMD[java-launcher-flags]="java $LAUNCHER_FLAGS -jar $JAR"
CMD[java-launcher-flags+cds]="java $LAUNCHER_FLAGS -XX:SharedArchiveFile=$JSA -jar $JAR"
CMD[java-launcher-flags+launcher-cds]="java $LAUNCHER_FLAGS -XX:SharedArchiveFile=$LAUNCHER_JSA -Xlog:cds=off -jar $JAR"
CMD[java-launcher-flags+cds-noperf]="java $LAUNCHER_FLAGS -XX:SharedArchiveFile=$JSA -XX:-UsePerfData -jar $JAR"
CMD[java-c2+cds]="java -XX:+UseSerialGC -XX:SharedArchiveFile=$JSA -jar $JAR"
CMD[jvm-floor]="java $LAUNCHER_FLAGS -version"      # the JVM alone: what no change to vaa can remove
ARGS=("--help" "runs list")

declare -A T
# warm the page cache once
for v in "${VARIANTS[@]}"; do for a in "${ARGS[@]}"; do ${CMD[$v]} $a </dev/null >/dev/null 2>&1 || true; done; done
for ((r = 0; r < RUNS; r++)); do
  for v in "${VARIANTS[@]}"; do
    for a in "${ARGS[@]}"; do
      [ "$v" = jvm-floor ] && [ "$a" != "--help" ] && continue
      s=$(date +%s%N)
      ${CMD[$v]} $a </dev/null >/dev/null 2>&1
      e=$(date +%s%N)
      T["$v|$a"]+="$(( (e - s) / 1000000 )) "
    done
  done
done

machine_line
echo "# $RUNS runs each, workspace with 3 runs; ms = median wall time; ratio = vs the launcher"
base_help=$(median ${T["launcher|--help"]})
base_list=$(median ${T["launcher|runs list"]})
printf '%-34s %12s %8s %14s %8s\n' variant "--help ms" ratio "runs list ms" ratio
for v in "${VARIANTS[@]}"; do
  h=$(median ${T["$v|--help"]})
  if [ "$v" = jvm-floor ]; then l="-"; lr="-"; else l=$(median ${T["$v|runs list"]}); lr=$(ratio "$l" "$base_list"); fi
  printf '%-34s %12s %8s %14s %8s\n' "$v" "$h" "$(ratio "$h" "$base_help")" "$l" "$lr"
done
echo "# raw samples (ms):"
for k in "${!T[@]}"; do echo "#   $k: ${T[$k]}"; done | sort
# how many classes each command loads (from the JDK's CDS archive / the jar), for where start-up time goes
for a in "${ARGS[@]}"; do
  java $LAUNCHER_FLAGS -Xlog:class+load:file="$WS/classes.log" -jar "$JAR" $a </dev/null >/dev/null 2>&1
  total=$(grep -c 'source:' "$WS/classes.log" || true)
  shared=$(grep -c 'shared objects file' "$WS/classes.log" || true)
  echo "# classes loaded by '$a': $total ($shared from the JDK's CDS archive); top packages outside java.*/jdk.*/sun.*:"
  grep -o '^\[[^]]*\]\[info\]\[class,load\] [^ ]*' "$WS/classes.log" | awk '{print $2}' | grep -Ev '^(java|jdk|sun|com\.sun)\.' \
    | sed -E 's/\.[^.]+$//' | sort | uniq -c | sort -rn | head -8 | sed 's/^/#     /'
done
