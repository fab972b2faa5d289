package io.lowalloc.examples;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class ScenarioArgumentsTest {

    private final PrintStream out = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void spanPoolDemoRejectsNonPositiveSpans() {
        assertThatThrownBy(() -> SpanPoolDemo.run(0, out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spans must be > 0, was: 0");
        assertThatThrownBy(() -> SpanPoolDemo.run(1, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("out");
    }

    @Test
    void zeroAllocationDemoRejectsNonPositiveSpans() {
        assertThatThrownBy(() -> ZeroAllocationDemo.run(-1, out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spans must be > 0, was: -1");
        assertThatThrownBy(() -> ZeroAllocationDemo.run(1, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("out");
    }

    @Test
    void preallocationDemoRejectsNullOutput() {
        assertThatThrownBy(() -> PreallocationDemo.run(true, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("out");
    }

    @Test
    void gcTuningDemoRejectsNonPositiveSpans() {
        assertThatThrownBy(() -> GcTuningDemo.run(0, true, out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retainedSpans must be > 0, was: 0");
        assertThatThrownBy(() -> GcTuningDemo.run(1, true, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("out");
    }

    @Test
    void attributeBufferPoolRejectsNonPositiveSize() {
        assertThatThrownBy(() -> AttributeBuffer.newPool(1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attributes must be > 0, was: 0");
    }

    @Test
    void runRejectsNullArguments() {
        assertThatThrownBy(() -> MemoryOptimizationDemo.run(null, out))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("options");
        assertThatThrownBy(() -> MemoryOptimizationDemo.run(DemoOptions.quickRun(), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("out");
    }
}
