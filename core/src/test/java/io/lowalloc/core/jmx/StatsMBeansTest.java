package io.lowalloc.core.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lowalloc.core.batch.BatchOptions;
import io.lowalloc.core.span.SpanKind;
import io.lowalloc.core.span.SpanRecorder;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatsMBeansTest {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    private SpanRecorder recorder() {
        SpanRecorder recorder = SpanRecorder.builder()
                .setShutdownHook(false)
                .setBatchOptions(BatchOptions.builder().setScheduleDelay(1, TimeUnit.HOURS).build())
                .build((batch, completion) -> completion.success());
        cleanup.add(recorder::close);
        return recorder;
    }

    private StatsMBeans.Registration register(String name, java.util.function.Supplier<?> stats) {
        StatsMBeans.Registration r = StatsMBeans.register(name, stats);
        cleanup.add(r);
        return r;
    }

    @Test
    void aRecordersStatsAreReadableOnThePlatformServerByOneCall() throws Exception {
        SpanRecorder recorder = recorder();
        StatsMBeans.Registration jmx = register("jmx-test-recorder", recorder::stats);
        for (int i = 0; i < 7; i++) {
            recorder.end(recorder.startSpan("s", SpanKind.INTERNAL));
        }
        assertThat(recorder.flush()).isTrue();

        ObjectName name = new ObjectName("io.lowalloc:type=Stats,name=jmx-test-recorder");
        assertThat(jmx.objectName()).isEqualTo(name);
        assertThat(server.getAttribute(name, "batch.offered")).isEqualTo(7L);
        assertThat(server.getAttribute(name, "batch.exported")).isEqualTo(7L);
        assertThat(server.getAttribute(name, "batch.dropped")).isEqualTo(0L);
        assertThat(server.getAttribute(name, "pool.acquired")).isEqualTo(recorder.stats().pool().acquired());
        assertThat(server.getAttribute(name, "inProgress")).isEqualTo(0L);
        assertThat(server.getAttribute(name, "isBalanced")).isEqualTo(true);
    }

    @Test
    void attributesListRecordComponentsFirstThenDerivedAccessors() throws Exception {
        SpanRecorder recorder = recorder();
        StatsMBeans.Registration jmx = register("jmx-test-info", recorder::stats);
        List<String> names = new ArrayList<>();
        for (MBeanAttributeInfo info : server.getMBeanInfo(jmx.objectName()).getAttributes()) {
            names.add(info.getName());
            assertThat(info.isReadable()).isTrue();
            assertThat(info.isWritable()).isFalse();
        }
        assertThat(names).startsWith("batch.offered", "batch.exported");
        assertThat(names).contains("pool.created", "pool.hits", "pool.misses", "inProgress", "isBalanced");
        assertThat(names.indexOf("batch.offered")).isLessThan(names.indexOf("pool.created"));
    }

    @Test
    void getAttributesTakesOneSnapshotForAllNames() throws Exception {
        AtomicInteger snapshots = new AtomicInteger();
        StatsMBeans.Registration jmx = register("jmx-test-snapshot", () -> new Sample(snapshots.incrementAndGet(), "x"));
        int before = snapshots.get();
        AttributeList list = server.getAttributes(jmx.objectName(), new String[] {"count", "label", "nope"});
        assertThat(snapshots.get() - before).isEqualTo(1);
        assertThat(list.asList()).extracting(Attribute::getName).containsExactly("count", "label");
        assertThat(list.asList().get(0).getValue()).isEqualTo(before + 1);
    }

    @Test
    void unknownAttributesAndWritesAreRejected() {
        StatsMBeans.Registration jmx = register("jmx-test-readonly", () -> new Sample(1, "x"));
        assertThatThrownBy(() -> server.getAttribute(jmx.objectName(), "missing"))
                .isInstanceOf(AttributeNotFoundException.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> server.setAttribute(jmx.objectName(), new Attribute("count", 2)))
                .isInstanceOf(AttributeNotFoundException.class).hasMessageContaining("read-only");
    }

    @Test
    void closeUnregistersAndIsIdempotent() {
        StatsMBeans.Registration jmx = StatsMBeans.register("jmx-test-close", () -> new Sample(1, "x"));
        assertThat(server.isRegistered(jmx.objectName())).isTrue();
        jmx.close();
        assertThat(server.isRegistered(jmx.objectName())).isFalse();
        jmx.close();
        // The name is free again.
        register("jmx-test-close", () -> new Sample(1, "x"));
    }

    @Test
    void aSecondRegistrationUnderTheSameNameIsRejected() {
        register("jmx-test-twice", () -> new Sample(1, "x"));
        assertThatThrownBy(() -> StatsMBeans.register("jmx-test-twice", () -> new Sample(2, "y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name")
                .hasMessageContaining("already registered");
    }

    @Test
    void badNamesAreRejectedNamingTheArgument() {
        for (String bad : Arrays.asList("", "a,b", "a=b", "with space", "x".repeat(129))) {
            assertThatThrownBy(() -> StatsMBeans.register(bad, () -> new Sample(1, "x")))
                    .as("name %s", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("name: ");
        }
        assertThatThrownBy(() -> StatsMBeans.register(null, () -> new Sample(1, "x")))
                .isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> StatsMBeans.register("jmx-test-null", () -> null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("returned null");
    }

    @Test
    void aTypeWithoutReadableAccessorsIsRejected() {
        assertThatThrownBy(() -> StatsMBeans.register("jmx-test-empty", Object::new))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void aSupplierThatThrowsFailsTheReadNotTheServer() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        StatsMBeans.Registration jmx = register("jmx-test-throws", () -> {
            if (calls.incrementAndGet() > 1) {
                throw new IllegalStateException("boom");
            }
            return new Sample(1, "x");
        });
        assertThatThrownBy(() -> server.getAttribute(jmx.objectName(), "count"))
                .hasRootCauseMessage("boom");
        assertThat(server.getAttributes(jmx.objectName(), new String[] {"count"}).asList()).isEmpty();
    }

    /** A snapshot type of its own: the registrar is not tied to the library's stats records. */
    public record Sample(int count, String label) {
    }
}
