package io.lowalloc.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.benchmarks.attr.AttributesBenchmark;
import io.lowalloc.benchmarks.batch.BatchingBenchmark;
import io.lowalloc.benchmarks.pool.PoolBenchmark;
import io.lowalloc.benchmarks.pool.PoolCrossThreadBenchmark;
import io.lowalloc.benchmarks.pool.QueueVariantBenchmark;
import io.lowalloc.benchmarks.results.JmhResult;
import io.lowalloc.benchmarks.span.SamplingBenchmark;
import io.lowalloc.benchmarks.span.SpanBlockingBenchmark;
import io.lowalloc.benchmarks.span.SpanBurstBenchmark;
import io.lowalloc.benchmarks.span.SpanPipelineBenchmark;
import io.lowalloc.benchmarks.span.ViewReadBenchmark;
import io.lowalloc.otlp.TraceRequestEncoderBenchmark;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Smoke test, not a performance gate: runs every benchmark of every class once, in-process
 * (forks 0), with no warm-up and one short measurement iteration, with the GC profiler on, so
 * that no benchmark can rot unnoticed. Output goes to {@code target/smoke/}.
 */
class JmhSmokeTest {

    static Stream<Class<?>> benchmarkClasses() {
        return Stream.of(PoolBenchmark.class, PoolCrossThreadBenchmark.class, QueueVariantBenchmark.class,
                AttributesBenchmark.class, BatchingBenchmark.class, SpanPipelineBenchmark.class,
                SpanBurstBenchmark.class, SpanBlockingBenchmark.class,
                SamplingBenchmark.class, ViewReadBenchmark.class, TraceRequestEncoderBenchmark.class);
    }

    @ParameterizedTest
    @MethodSource("benchmarkClasses")
    void everyBenchmarkRunsOnceAndReportsAllocation(Class<?> benchmarkClass) throws Exception {
        Path dir = Paths.get("target", "smoke");
        Files.createDirectories(dir);
        String name = benchmarkClass.getSimpleName();
        Options options = new OptionsBuilder()
                .include("^" + Pattern.quote(benchmarkClass.getName()) + "\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(60))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .output(dir.resolve(name + ".log").toString())
                .resultFormat(ResultFormatType.JSON)
                .result(dir.resolve(name + ".json").toString())
                .build();

        Collection<RunResult> results = new Runner(options).run();

        Set<String> ran = new LinkedHashSet<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            ran.add(label.substring(label.lastIndexOf('.') + 1));
            assertThat(r.getPrimaryResult().getScore()).as(label + " score").isPositive();
            assertThat(r.getSecondaryResults()).as(label + " secondary results").containsKey("gc.alloc.rate.norm");
        }
        assertThat(ran).as("benchmarks that ran").containsExactlyInAnyOrderElementsOf(expectedNames(benchmarkClass));
        assertThat(results).as("one result per benchmark and parameter combination")
                .hasSize(expectedNames(benchmarkClass).size() * parameterCombinations(benchmarkClass));
        // The file JMH wrote reads back as typed results, as the chart renderer reads it.
        List<JmhResult> written = JmhResult.read(dir.resolve(name + ".json"));
        assertThat(written).as("results in " + name + ".json").hasSameSizeAs(results);
        assertThat(written.stream().map(JmhResult::method).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(ran);
        assertThat(written).allSatisfy(r -> {
            assertThat(r.primaryMetric().score()).as(r.benchmark() + " score").isPositive();
            assertThat(r.secondary("gc.alloc.rate.norm").scoreUnit()).as(r.benchmark()).isEqualTo("B/op");
        });
    }

    /** Benchmark names as JMH reports them: the group name for grouped methods, else the method name. */
    private static Set<String> expectedNames(Class<?> benchmarkClass) {
        Set<String> names = new LinkedHashSet<>();
        for (Method m : benchmarkClass.getMethods()) {
            if (m.isAnnotationPresent(Benchmark.class)) {
                Group g = m.getAnnotation(Group.class);
                names.add(g == null ? m.getName() : g.value());
            }
        }
        return names;
    }

    /** The product of the lengths of all @Param fields of the class, its nested states and the states its benchmarks take. */
    private static int parameterCombinations(Class<?> benchmarkClass) {
        int product = 1;
        Set<Class<?>> classes = new LinkedHashSet<>();
        classes.add(benchmarkClass);
        for (Class<?> nested : benchmarkClass.getClasses()) {
            classes.add(nested);
        }
        // State classes of their own (shared by several benchmarks) reach a benchmark as a parameter.
        for (java.lang.reflect.Method m : benchmarkClass.getMethods()) {
            if (m.isAnnotationPresent(org.openjdk.jmh.annotations.Benchmark.class)) {
                for (Class<?> type : m.getParameterTypes()) {
                    if (type.isAnnotationPresent(org.openjdk.jmh.annotations.State.class)) {
                        classes.add(type);
                    }
                }
            }
        }
        for (Class<?> c : classes) {
            for (java.lang.reflect.Field f : c.getFields()) {
                Param p = f.getAnnotation(Param.class);
                if (p != null) {
                    product *= p.value().length;
                }
            }
        }
        return product;
    }
}
