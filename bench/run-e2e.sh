#!/usr/bin/env bash
# `vaa run -n N` end to end against a local OpenAI-compatible server with a fixed latency.
# Usage: bench/run-e2e.sh [N=50] [DELAY_MS=200] [WORKERS=8]
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
cd "$home"
mvn -B -q -DskipTests package test-compile >/dev/null
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test >/dev/null
java -cp "target/classes:target/test-classes:$(cat target/test-cp.txt)" vaa.bench.RunEndToEndBench \
  target/vaa.jar customer_data "${1:-50}" "${2:-200}" "${3:-8}"
