#!/usr/bin/env bash
# Runs the three end-to-end tables (io.lowalloc.benchmarks.e2e) with their defaults: the fixed-rate
# load (rows sdkBatch, lowalloc, sdkPooled, none; 100k spans/s, 5 s warm-up + 60 s, 5 interleaved
# runs, each run a fresh -Xmx64m G1 JVM), the sustained-rate search (sdkBatch, lowalloc, sdkPooled)
# and the request latency (none, sdkBatch, lowalloc; 50k requests/s, 5 runs), each against an OTLP/HTTP
# sink in its own JVM. JSON and markdown go to $OUT/e2e-*.{json,md}; `uptime` before and after each
# table is appended to $OUT/run-log.txt.
# About 75 minutes with the defaults (4 rows x 5 runs x 65 s, 3 rows x 5 runs x 65 s, plus the search).
#   benchmarks/run-e2e.sh                     # builds benchmarks/target/benchmarks.jar first
# Environment: OUT (benchmarks/results), SKIP_BUILD (set to skip mvn), FIXED_ARGS, SUSTAINED_ARGS,
# LATENCY_ARGS (extra options for each harness, e.g. FIXED_ARGS="--rows sdkBatch,lowalloc,native,sdkPooled,none").
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
OUT=${OUT:-benchmarks/results}
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
mkdir -p "$OUT"
LOG="$OUT/run-log.txt"
echo "# $(date -u +%FT%TZ) end-to-end tables, $(nproc) cores, $(java -version 2>&1 | head -1)" >> "$LOG"

table() { # name main-class extra-args...
  local name=$1 main=$2
  shift 2
  echo "$(date -u +%T) start $name: $(uptime)" >> "$LOG"
  java -cp "$JAR" "io.lowalloc.benchmarks.e2e.$main" --out-dir "$OUT" --name "$name" "$@" > "$OUT/$name.txt" 2>&1
  echo "$(date -u +%T) end   $name: $(uptime)" >> "$LOG"
}

read -r -a FIXED <<< "${FIXED_ARGS:-}"
read -r -a SUSTAINED <<< "${SUSTAINED_ARGS:-}"
read -r -a LATENCY <<< "${LATENCY_ARGS:-}"
table e2e-fixed-rate FixedRateLoad "${FIXED[@]}"
table e2e-sustained-rate SustainedRate "${SUSTAINED[@]}"
table e2e-request-latency RequestLatency "${LATENCY[@]}"
cat "$OUT/e2e-fixed-rate.md" "$OUT/e2e-sustained-rate.md" "$OUT/e2e-request-latency.md"
