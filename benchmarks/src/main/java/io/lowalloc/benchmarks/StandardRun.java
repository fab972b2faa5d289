package io.lowalloc.benchmarks;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run settings every JMH table of {@code BENCHMARKS.md} is measured with, declared once: one
 * fork with a fixed 1 GB G1 heap, 3 warm-up iterations and 5 measurement iterations of 1 s each.
 * Benchmark classes extend this class and inherit the annotations (JMH reads them from
 * superclasses); each still declares its own mode and time unit. Command-line options
 * ({@code -f}, {@code -wi}, {@code -i}, {@code -jvmArgsAppend}, ...) override them as usual.
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
public abstract class StandardRun {

    /** For subclasses: JMH instantiates the benchmark classes. */
    protected StandardRun() {
    }
}
