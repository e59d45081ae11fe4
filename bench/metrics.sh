#!/usr/bin/env bash
# Time and peak memory of `vaa metrics` over N generated analyses (default: 10000 and 100000),
# with the heap capped at 512 MB. Usage: bench/metrics.sh [N...]
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
cd "$home"
mvn -B -q -DskipTests package test-compile >/dev/null
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test >/dev/null
ws="$(mktemp -d)"
trap 'rm -rf "$ws"' EXIT
for n in "${@:-10000 100000}"; do
  for size in $n; do
    java -cp "target/classes:target/test-classes:$(cat target/test-cp.txt)" vaa.perf.GenerateAnalysesMain "$ws" "bench_$size" "$size" >/dev/null
    sync
    # warm the page cache once, then measure
    (cd "$ws" && java -jar "$home/target/vaa.jar" metrics --run-id "bench_$size" >/dev/null)
    /usr/bin/time -f "%e %M" -o "$ws/time.txt" bash -c "cd '$ws' && java -Xmx512m -jar '$home/target/vaa.jar' metrics --run-id bench_$size > '$ws/out.txt'; tail -1 '$ws/out.txt' >&2"
    read -r secs kb < "$ws/time.txt"
    echo "analyses=$size wall_s=$secs peak_rss_mb=$((kb / 1024)) heap_cap=512m"
  done
done
