#!/usr/bin/env bash
# Runs every table of BENCHMARKS.md (one JMH run per table, then the GC-pause load test per
# pipeline, twice) and renders the SVG charts from the JSON results. About 12 minutes on 2 cores.
#   mvn -B -q -pl benchmarks -am package -DskipTests && benchmarks/run-benchmarks.sh
# Environment: JMH_OPTS (default "-f 1 -wi 3 -w 1s -i 5 -r 1s"), RATE (200000), LOAD_SECONDS (20),
# HEAP (256m), OUT (benchmarks/results), CHARTS (benchmarks/charts).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
OUT=${OUT:-benchmarks/results}
CHARTS=${CHARTS:-benchmarks/charts}
read -r -a OPTS <<< "${JMH_OPTS:--f 1 -wi 3 -w 1s -i 5 -r 1s}"
RATE=${RATE:-200000}
LOAD_SECONDS=${LOAD_SECONDS:-20}
HEAP=${HEAP:-256m}
mkdir -p "$OUT" "$CHARTS"
LOG="$OUT/run-log.txt"
{
  echo "# $(date -u +%FT%TZ) $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo "# JMH options: ${OPTS[*]}; load test: $RATE spans/s for $LOAD_SECONDS s, heap $HEAP, G1"
} > "$LOG"

table() { # name regex
  echo "$(date -u +%T) start $1, load average: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$LOG"
  java -jar "$JAR" "$2" "${OPTS[@]}" -rf json -rff "$OUT/$1.json" > "$OUT/$1.txt" 2>&1
  echo "$(date -u +%T) end   $1, load average: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$LOG"
}

table table1-pool '\.PoolBenchmark\.'
table table1-pool-crossthread '\.PoolCrossThreadBenchmark\.'
table table2-span-pipeline '\.SpanPipelineBenchmark\.'
table table3-attributes '\.AttributesBenchmark\.'
table table4-batching '\.BatchingBenchmark\.'

# Two rounds, pipelines interleaved, so that a change in the machine's load hits every pipeline.
for r in 1 2; do
  for p in sdkBatch lowalloc sdkPooled; do
    f="$OUT/table5-gc-$p-run$r"
    echo "$(date -u +%T) start load test $p run $r, load average: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$LOG"
    java -XX:+UseG1GC "-Xms$HEAP" "-Xmx$HEAP" "-Xlog:gc:file=$f.gclog.txt:uptime" \
      -cp "$JAR" io.lowalloc.benchmarks.load.GcLoadTest --pipeline "$p" --rate "$RATE" --seconds "$LOAD_SECONDS" \
      --gc-log "$f.gclog.txt" --out "$f.json" > "$f.txt" 2>&1
    echo "$(date -u +%T) end   load test $p run $r, load average: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$LOG"
  done
done

java -cp "$JAR" io.lowalloc.benchmarks.chart.ChartMain "$OUT" "$CHARTS" | tee -a "$LOG"
