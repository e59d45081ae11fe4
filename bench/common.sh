#!/usr/bin/env bash
# Shared helpers for the vaa benchmarks. Source it; don't run it.
#
# bench_build [test]  copies this checkout (without target/ and .git/) to $BENCH_BUILD_DIR and builds there:
#                     target/vaa.jar + target/lib/, and with "test" also the test classes and target/cp.txt
#                     (the test classpath). A private copy, because other people's `mvn` runs in the checkout
#                     rewrite target/ under a running benchmark. Sets BUILD (the copy) and CP (with "test").
#                     BENCH_SKIP_BUILD=1 reuses what is already built in $BENCH_BUILD_DIR.
#                     BENCH_REF=<commit> builds that commit (git archive) plus the working tree's bench files,
#                     instead of the working tree as it is (which may hold someone's half-done edit).
# start_server LOG CMD  starts a local bench server, waits for its URL (sets SERVER and URL; killed at exit).
# median N...         prints the median of its numeric arguments.
# now_ms              wall clock in milliseconds.
set -euo pipefail

BENCH_DIR="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd -P "$BENCH_DIR/.." && pwd)"
BENCH_BUILD_DIR="${BENCH_BUILD_DIR:-/tmp/vaa-bench-build-$(id -u)}"
BENCH_WORK_DIR="${BENCH_WORK_DIR:-/tmp/vaa-bench-work-$(id -u)}"

bench_build() {
  BUILD="$BENCH_BUILD_DIR"
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    echo "# building in $BUILD (copy of $REPO)" >&2
    mkdir -p "$BUILD"
    rm -rf "$BUILD/src" "$BUILD/bench"
    if [ -n "${BENCH_REF:-}" ]; then
      # a committed state (e.g. HEAD) plus this checkout's own benchmark files: immune to half-done edits
      git -C "$REPO" archive "$BENCH_REF" | (cd "$BUILD" && tar xf -)
      (cd "$REPO" && tar cf - bench src/test/java/vaa/bench) | (cd "$BUILD" && tar xf -)
    else
      (cd "$REPO" && tar cf - --exclude=./target --exclude=./.git --exclude=./runs .) | (cd "$BUILD" && tar xf -)
    fi
    (cd "$BUILD" && mvn -B -q -DskipTests package) >&2
    if [ "${1:-}" = test ]; then
      (cd "$BUILD" && mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test) >&2
    fi
    # the launcher rebuilds when a source is newer than the jar; make sure it never does while we time it
    touch "$BUILD/target/vaa.jar"
  fi
  [ -f "$BUILD/target/vaa.jar" ] || { echo "no $BUILD/target/vaa.jar (build first)" >&2; exit 1; }
  if [ -n "$(find "$BUILD/src/main" "$BUILD/pom.xml" -newer "$BUILD/target/vaa.jar" -print -quit)" ]; then
    echo "sources in $BUILD are newer than the jar: the launcher would rebuild" >&2; exit 1
  fi
  if [ "${1:-}" = test ]; then
    CP="$BUILD/target/test-classes:$BUILD/target/classes:$(cat "$BUILD/target/cp.txt")"
  fi
  if [ "${BENCH_SKIP_BUILD:-0}" = 1 ]; then
    echo "# reusing the build in $BUILD" >&2
  elif [ -n "${BENCH_REF:-}" ]; then
    echo "# built: commit $(git -C "$REPO" rev-parse --short "$BENCH_REF")" >&2
  else
    echo "# built: working tree at commit $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')$( [ -n "$(git -C "$REPO" status --porcelain -- src pom.xml 2>/dev/null)" ] && echo ' + uncommitted changes')" >&2
  fi
}

median() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
}

now_ms() {
  echo $(( $(date +%s%N) / 1000000 ))
}

# ratio A B: A/B with two decimals
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "inf"; else printf "%.2f", a / b }'
}

machine_line() {
  echo "# $(date -u +%Y-%m-%dT%H:%MZ) · $(nproc) cores · $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) · $(java -version 2>&1 | head -1)"
}

# start_server LOG COMMAND...  runs a bench server in the background (killed when the script exits), waits for the
#                              OPENAI_BASE_URL= line it prints into LOG, and sets SERVER (its pid) and URL.
start_server() {
  local log="$1"
  shift
  "$@" >"$log" 2>&1 &
  SERVER=$!
  trap 'kill "$SERVER" 2>/dev/null || true' EXIT
  for _ in $(seq 100); do grep -q OPENAI_BASE_URL "$log" && break; sleep 0.2; done
  URL=$(sed -n 's/^OPENAI_BASE_URL=//p' "$log")
  [ -n "$URL" ] || { echo "server did not start"; cat "$log"; exit 1; }
}
