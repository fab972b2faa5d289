package io.lowalloc.core.span;

import static org.assertj.core.api.Assertions.assertThat;

import io.lowalloc.core.attr.AttributeReader;
import io.lowalloc.core.attr.FixedAttributeBuilder;
import io.lowalloc.core.batch.BatchOptions;
import io.lowalloc.core.gc.AllocationMeter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the array {@code put}s document (issue 9 hazard): array values are held by reference, not
 * copied, so a change to the array after {@code end()} and before the export is what the exporter
 * reads; and an array put allocates nothing, so a constant array costs nothing per span.
 */
class ArrayAttributesByReferenceTest {

    private final List<String> exported = new CopyOnWriteArrayList<>();
    private final SpanRecorder recorder = SpanRecorder.builder()
            .setBatchOptions(BatchOptions.builder().setScheduleDelay(1, TimeUnit.HOURS).build())
            .build((batch, completion) -> {
                for (SpanData span : batch) {
                    exported.add(render(span.attributes()) + " event" + render(span.event(0).attributes())
                            + " link" + render(span.link(0).attributes()));
                }
                completion.success();
            });

    @AfterEach
    void close() {
        recorder.close();
    }

    /** The array values of a reader, in index order, as the exporter sees them at export time. */
    private static String render(AttributeReader attributes) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            Object array = attributes.arrayValue(i);
            if (array instanceof String[] strings) {
                values.add(Arrays.toString(strings));
            } else if (array instanceof long[] longs) {
                values.add(Arrays.toString(longs));
            } else if (array instanceof double[] doubles) {
                values.add(Arrays.toString(doubles));
            } else {
                values.add(Arrays.toString((boolean[]) array));
            }
        }
        return values.toString();
    }

    @Test
    void anArrayChangedAfterEndIsExportedAsChangedFromTheSpanItsEventsAndLinks() {
        String[] strings = {"a", "b"};
        long[] longs = {1L, 2L};
        double[] doubles = {0.5};
        boolean[] booleans = {true};
        long[] eventLongs = {10L};
        String[] linkStrings = {"x"};
        SpanData span = recorder.startSpan("arrays", SpanKind.INTERNAL);
        span.put("strings", strings);
        span.put("longs", longs);
        span.put("doubles", doubles);
        span.put("booleans", booleans);
        span.addEvent("e", 1L).put("eventLongs", eventLongs);
        span.addLink(1L, 2L, 3L, (byte) 1).put("linkStrings", linkStrings);
        recorder.end(span);

        strings[0] = "changed";
        longs[1] = 99L;
        doubles[0] = -1.0;
        booleans[0] = false;
        eventLongs[0] = 11L;
        linkStrings[0] = "y";
        assertThat(recorder.flush()).isTrue();

        assertThat(exported).containsExactly(
                "[[changed, b], [1, 99], [-1.0], [false]] event[[11]] link[[y]]");
    }

    @Test
    void theSpanHoldsTheCallersArrayInstanceAlsoWhenCopiedFromAFixedAttributeBuilder() {
        long[] longs = {1L, 2L};
        SpanData span = SpanData.create(SpanLimits.defaults());
        FixedAttributeBuilder builder = FixedAttributeBuilder.create();
        builder.put("direct", new String[] {"d"});
        builder.put("longs", longs);

        builder.copyTo(span);

        assertThat(span.attributes().arrayValue(1)).isSameAs(longs);
        assertThat(span.attributes().arrayValue(0)).isSameAs(builder.arrayValue(0));
    }

    @Test
    void puttingAConstantArrayAllocatesNothing() {
        String[] tags = {"a", "b", "c"};
        long[] codes = {200L, 404L};
        SpanData span = SpanData.create(SpanLimits.defaults());

        double perOp = AllocationMeter.create().bytesPerOp(200_000, 1_000_000, i -> {
            span.put("tags", tags);
            span.put("codes", codes);
            span.put("tags", tags);
            return i;
        });

        assertThat(perOp).isZero();
        assertThat(span.attributes().arrayValue(0)).isSameAs(tags);
    }
}
