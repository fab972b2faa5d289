package io.lowalloc.benchmarks.span;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The promise of table 2 (a) and (b): every span recorded reaches the exporter — 0 dropped — while
 * (a) times only the bursts and (b) blocks the producer. Runs each benchmark in-process for a few
 * hundred milliseconds per row and reads the counters JMH reports. Not a performance gate.
 */
class Table2SplitTest {

    @BeforeAll
    static void shareTheMachine() {
        // A correctness check, not a measurement: another JMH run on the machine must not fail it.
        System.setProperty("jmh.ignoreLock", "true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SpanBurstBenchmark", "SpanBlockingBenchmark"})
    void everyRowExportsEverySpanItRecorded(String benchmark) throws Exception {
        Options options = new OptionsBuilder()
                .include("^io\\.lowalloc\\.benchmarks\\.span\\." + benchmark + "\\.")
                .forks(0)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(100))
                .measurementIterations(2)
                .measurementTime(TimeValue.milliseconds(200))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();

        Collection<RunResult> results = new Runner(options).run();

        assertThat(results).as("one result per row").hasSize(3);
        for (RunResult r : results) {
            String row = r.getParams().getParam("pipeline");
            double spans = counter(r, "spans");
            assertThat(spans).as(row + ": spans recorded").isPositive();
            assertThat(counter(r, "dropped")).as(row + ": dropped").isZero();
            assertThat(counter(r, "exported")).as(row + ": exported").isEqualTo(spans);
        }
    }

    private static double counter(RunResult r, String name) {
        return r.getSecondaryResults().get(name).getScore();
    }
}
