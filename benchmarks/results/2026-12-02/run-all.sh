#!/bin/bash
# Sequential benchmark run for the session's figures; every table's load average before/after in run-log.txt.
set -u
cd /tmp/runs
J="java -jar bench.jar"
O="-f 1 -wi 3 -w 1s -i 5 -r 1s"
log() { echo "$1: $(date -u +%H:%M:%S) $(uptime | sed 's/.*load average/load average/')" >> run-log.txt; }
: > run-log.txt
run() { name=$1; shift; log "$name start"; "$@" > "$name.txt" 2>&1; log "$name end"; }
run pool $J 'PoolBenchmark.(objectPool|nettyRecycler|stormpot|plainAllocation)$' -p payloadLongs=8 $O -rf json -rff pool.json
run poolx $J 'PoolCrossThreadBenchmark' -p payloadLongs=8 $O -rf json -rff poolx.json
run attrs $J 'AttributesBenchmark.(fixedBuilderReused|spanPutsReused|listGrowing|otelAttributesBuilder)$' $O -rf json -rff attrs.json
run sampling $J 'SamplingBenchmark' $O -rf json -rff sampling.json
run spans $J 'SpanPipelineBenchmark' $O -rf json -rff spans.json
run views $J 'ViewReadBenchmark' -p exporter=reusable -p source=sdkToSpanData,views $O -rf json -rff views.json
run encoder $J 'TraceRequestEncoderBenchmark' $O -rf json -rff encoder.json
run fixed java -cp bench.jar io.lowalloc.benchmarks.e2e.FixedRateLoad --runs 1 --seconds 60 --warmup-seconds 5 --out-dir /tmp/runs --name e2e-fixed-rate
run sustained java -cp bench.jar io.lowalloc.benchmarks.e2e.SustainedRate --rows sdkBatch,native --probe-seconds 3 --probe-warmup-seconds 2 --seconds 20 --warmup-seconds 5 --max-rate 4000000 --out-dir /tmp/runs --name e2e-sustained
run latency java -cp bench.jar io.lowalloc.benchmarks.e2e.RequestLatency --runs 2 --seconds 15 --warmup-seconds 5 --out-dir /tmp/runs --name e2e-latency
log done
