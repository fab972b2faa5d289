#!/bin/bash
# Sequential benchmark run for the issue-10 tables (table 2 split into a/b/c, table 5 fair, fixed rate,
# sustained 0-drop rate, request latency, idle footprint); every table's start and end with the load
# average in run-log.txt. Run from /tmp/runs holding a copy of benchmarks.jar named bench.jar:
#   mkdir -p /tmp/runs && cp benchmarks/target/benchmarks.jar /tmp/runs/bench.jar && bash benchmarks/results/2026-12-02b/run-all.sh
# then copy /tmp/runs/* here and render the charts from this directory:
#   java -cp benchmarks/target/benchmarks.jar io.lowalloc.benchmarks.chart.ChartMain benchmarks/results/2026-12-02b benchmarks/charts
#
# Duration estimates (JMH: about 10.5 s per benchmark x parameter combination x fork with
# -wi 3 -w 1s -i 5 -r 1s, fork start included; e2e: warm-up + window + ~2 s JVM start per run):
#   pool 0.7 min, poolx 0.9, attrs 1.4, spans-a 1.1, spans-b 1.1, spans-c 2.1, views 0.4, encoder 0.4,
#   sampling 0.4, batching 0.9, table 5 fair 2.8, fixed 5.8, sustained 11.5, latency 22.5, footprint 0.4  => about 51 min
#   (more if sustained confirmations fail, see there).
# Over the 45-minute budget even after these cuts of repetitions (said here, not hidden); the latency table
# alone, 5 x 60 s per row as asked, is 22.5 min:
#   - attrs: only the 8-key parameters (-p count=8; the 100-key rows are unchanged code, last measured 2026-12-02);
#   - table 5: one run per row (sdkBatch and lowalloc), not two; the recorder row is not run;
#   - fixed rate: 10 s windows (5 interleaved runs per row as asked), not 60 s;
#   - sustained: probes of 2 s after a 1 s warm-up and a 10 % resolution; only the confirming window is 60 s;
#   - footprint: one run per row.
# Headline JMH rows (table 2 a/b/c) run with two forks (-f 2); everything else one fork.
set -u
cd /tmp/runs
J="java -jar bench.jar"
O="-f 1 -wi 3 -w 1s -i 5 -r 1s"
H="-f 2 -wi 3 -w 1s -i 5 -r 1s"
E="java -cp bench.jar io.lowalloc.benchmarks"
log() { echo "$1: $(date -u +%H:%M:%S) $(uptime | sed 's/.*load average/load average/')" >> run-log.txt; }
: > run-log.txt
run() { name=$1; shift; log "$name start"; "$@" > "$name.txt" 2>&1; log "$name end"; }
# Table 1: pool, one thread and across threads (~0.7 + 0.9 min).
run pool $J 'PoolBenchmark.(objectPool|nettyRecycler|stormpot|plainAllocation)$' -p payloadLongs=8 $O -rf json -rff pool.json
run poolx $J 'PoolCrossThreadBenchmark' -p payloadLongs=8 $O -rf json -rff poolx.json
# Table 3: attributes, 8 keys (~1.4 min).
run attrs $J 'AttributesBenchmark.(fixedBuilderReused|spanPutsReused|listGrowing|otelAttributesBuilder)$' -p count=8 $O -rf json -rff attrs.json
# Table 2 (a) producer cost with the worker keeping up, (b) rate with blocking, (c) overload drop share;
# rows sdkBatch / lowalloc / recorder, two forks each (~1.1 + 1.1 + 2.1 min).
run spans-a $J 'SpanBurstBenchmark' $H -rf json -rff spans-a.json
run spans-b $J 'SpanBlockingBenchmark' $H -rf json -rff spans-b.json
run spans-c $J 'SpanPipelineBenchmark' $H -rf json -rff spans-c.json
# Export-side reading and the native encoder (~0.4 + 0.4 min).
run views $J 'ViewReadBenchmark' -p exporter=reusable -p source=sdkToSpanData,views $O -rf json -rff views.json
run encoder $J 'TraceRequestEncoderBenchmark' $O -rf json -rff encoder.json
# Sampling (~0.4 min).
run sampling $J 'SamplingBenchmark' $O -rf json -rff sampling.json
# Table 4: batching, BatchBuffer with BLOCK and a no-op exporter, batch sizes 1 to 1000 (~0.9 min).
run batching $J '\.BatchingBenchmark\.' $O -rf json -rff batching.json
# Table 5 fair: 20 s warm-up at the rate (fills the pool), 2 full GCs (tenures what the pipeline keeps),
# 60 s measured, G1 with a fixed 256 MB heap, pauses from the GC log (~2 x 83 s).
for p in sdkBatch lowalloc; do
  run table5-gc-$p-run1 java -XX:+UseG1GC -Xms256m -Xmx256m -Xlog:gc:file=table5-gc-$p-run1.gclog.txt:uptime \
    -cp bench.jar io.lowalloc.benchmarks.load.GcLoadTest --pipeline $p --rate 200000 --seconds 60 --warmup-seconds 20 \
    --tenure-gcs 2 --gc-log table5-gc-$p-run1.gclog.txt --out table5-gc-$p-run1.json
done
# Fixed rate (target 3b): 100k spans/s, in-process rows through the field-reading no-op exporters (every span
# goes through the worker and back to the pool) and the pacing loop alone; 5 interleaved runs (~20 x 17.5 s).
run fixed $E.e2e.FixedRateLoad --rows sdkBatchReading,lowallocReading,recorderReading,none --runs 5 --rate 100000 \
  --seconds 10 --warmup-seconds 5 --out-dir /tmp/runs --name e2e-fixed-rate
# Sustained 0-drop rate (target 5), 60 s confirming window: in-process rows, then the OTLP-sink rows; about
# 10 probes of ~4.5 s and one 67 s confirmation per row (~5 x 115 s: the OTLP-sink rows are sdkBatch and native only); each failed confirmation adds 67 s (at most
# 2 more per row: a noisy machine can add up to ~13 min here). A smoke run on the loaded machine (load 6) held
# only ~38k spans/s for the recorder row: one 5 ms stall of the worker fills the 2,048-span queue at 400k/s.
run sustained-inprocess $E.e2e.SustainedRate --rows sdkBatchReading,lowallocReading,recorderReading \
  --start-rate 50000 --max-rate 8000000 --resolution 0.1 --probe-seconds 2 --probe-warmup-seconds 1 \
  --seconds 60 --warmup-seconds 5 --out-dir /tmp/runs --name e2e-sustained-inprocess
run sustained-otlp $E.e2e.SustainedRate --rows sdkBatch,native \
  --start-rate 25000 --max-rate 4000000 --resolution 0.1 --probe-seconds 2 --probe-warmup-seconds 1 \
  --seconds 60 --warmup-seconds 5 --out-dir /tmp/runs --name e2e-sustained-otlp
# Request latency: 5 interleaved runs of 60 s per row (~20 x 67 s).
run latency $E.e2e.RequestLatency --runs 5 --seconds 60 --warmup-seconds 5 --out-dir /tmp/runs --name e2e-latency
# Idle footprint (target 6): one run per row (~3 x 8 s).
run footprint $E.e2e.IdleFootprint --runs 1 --load-seconds 3 --idle-seconds 2 --out-dir /tmp/runs --name idle-footprint
log done
