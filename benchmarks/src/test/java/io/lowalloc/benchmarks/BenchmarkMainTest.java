package io.lowalloc.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.options.Options;

class BenchmarkMainTest {

    @Test
    void addsTheGcProfilerByDefault() throws Exception {
        Options options = BenchmarkMain.options(new String[] {"PoolBenchmark", "-f", "1"}, true);

        assertThat(options.getProfilers()).extracting(p -> p.getKlass()).containsExactly(GCProfiler.class.getName());
        assertThat(options.getIncludes()).containsExactly("PoolBenchmark");
        assertThat(options.getForkCount().get()).isEqualTo(1);
    }

    @Test
    void doesNotAddTheGcProfilerTwice() throws Exception {
        Options options = BenchmarkMain.options(new String[] {"-prof", "gc"}, true);

        assertThat(options.getProfilers()).hasSize(1);
    }

    @Test
    void leavesTheGcProfilerOutWhenAskedTo() throws Exception {
        Options options = BenchmarkMain.options(new String[] {"-prof", "stack"}, false);

        assertThat(options.getProfilers()).extracting(p -> p.getKlass()).containsExactly("stack");
    }
}
