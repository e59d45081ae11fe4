#!/usr/bin/env bash
# Every benchmark in turn, one build for all (the figures in bench/README.md come from this).
#   bench/run-all.sh            # BENCH_REF=HEAD bench/run-all.sh to build the last commit instead of the work tree
set -euo pipefail
here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/common.sh"
bench_build test
export BENCH_SKIP_BUILD=1
for b in "startup.sh 10" "sample-scale.sh 100000 5" "analyze-throughput.sh 400 200 1,8,32 2" "analyze-fixed-cost.sh 5" "analyze-profile.sh 400 8" "query.sh 100000 5" "rate-limit.sh 300 8 10"; do
  echo
  echo "================ bench/$b"
  bash "$here/${b%% *}" ${b#* }
done
