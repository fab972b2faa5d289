package io.lowalloc.core.span;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every write path (span setters, span/event/link attributes, the dropped-event and dropped-link
 * stand-ins) throws in every non-ACQUIRED state, with a message naming the state, and changes
 * nothing.
 */
class SpanWriteGuardTest {

    private static final SpanLimits ONE_EVENT_ONE_LINK =
            SpanLimits.builder().eventLimit(1).preallocatedEvents(1).linkLimit(1).preallocatedLinks(1).build();

    /** A span with one event, one link and the two stand-ins, all obtained while ACQUIRED. */
    private record Fixture(SpanData span, SpanEvent event, SpanLink link, SpanEvent droppedEvent,
                           SpanLink droppedLink) {
        String snapshot() {
            return span + " | " + event + " | " + link + " | " + droppedEvent + " | " + droppedLink;
        }
    }

    /** A write attempted on the fixture. */
    @FunctionalInterface
    private interface Write {
        void apply(Fixture f);
    }

    static Stream<Arguments> writesInEveryNonWritableState() {
        List<Arguments> cases = new ArrayList<>();
        for (Arguments write : writes()) {
            cases.add(Arguments.of(write.get()[0], SpanState.ENDED, "span already ended", write.get()[1]));
            cases.add(Arguments.of(write.get()[0], SpanState.SUBMITTED, "span already submitted", write.get()[1]));
            cases.add(Arguments.of(write.get()[0], SpanState.FREE, "span is free (released to its pool)",
                    write.get()[1]));
        }
        return cases.stream();
    }

    private static List<Arguments> writes() {
        List<Arguments> w = new ArrayList<>();
        add(w, "setTraceId", f -> f.span.setTraceId(1L, 2L));
        add(w, "setSpanId", f -> f.span.setSpanId(1L));
        add(w, "setParent", f -> f.span.setParent(1L, true));
        add(w, "setTraceFlags", f -> f.span.setTraceFlags((byte) 1));
        add(w, "setSampled", f -> f.span.setSampled(true));
        add(w, "setName", f -> f.span.setName("n"));
        add(w, "setName(null): state checked first", f -> f.span.setName(null));
        add(w, "setAttachment", f -> f.span.setAttachment("scope"));
        add(w, "setKind", f -> f.span.setKind(SpanKind.CLIENT));
        add(w, "setStartEpochNanos", f -> f.span.setStartEpochNanos(1L));
        add(w, "setStatus(code)", f -> f.span.setStatus(StatusCode.ERROR));
        add(w, "setStatus(code, description)", f -> f.span.setStatus(StatusCode.ERROR, "boom"));
        add(w, "addEvent", f -> f.span.addEvent("e", 1L));
        add(w, "addLink", f -> f.span.addLink(1L, 2L, 3L, (byte) 0));
        add(w, "end", f -> f.span.end(10L));
        add(w, "end(-1): state checked first", f -> f.span.end(-1L));
        addPuts(w, "span", f -> f.span);
        addPuts(w, "event", f -> f.event);
        addPuts(w, "link", f -> f.link);
        addPuts(w, "dropped-event stand-in", f -> f.droppedEvent);
        addPuts(w, "dropped-link stand-in", f -> f.droppedLink);
        return w;
    }

    /** Picks which sink of the fixture is written. */
    @FunctionalInterface
    private interface SinkOf {
        io.lowalloc.core.attr.AttributeSink of(Fixture f);
    }

    private static void addPuts(List<Arguments> w, String owner, SinkOf sink) {
        add(w, owner + " put String", f -> sink.of(f).put("k", "v"));
        add(w, owner + " put long", f -> sink.of(f).put("k", 1L));
        add(w, owner + " put double", f -> sink.of(f).put("k", 1.0));
        add(w, owner + " put boolean", f -> sink.of(f).put("k", true));
        add(w, owner + " put String[]", f -> sink.of(f).put("k", new String[] {"a"}));
        add(w, owner + " put long[]", f -> sink.of(f).put("k", new long[] {1L}));
        add(w, owner + " put double[]", f -> sink.of(f).put("k", new double[] {1.0}));
        add(w, owner + " put boolean[]", f -> sink.of(f).put("k", new boolean[] {true}));
        add(w, owner + " put null key: state checked first", f -> sink.of(f).put(null, 1L));
    }

    private static void add(List<Arguments> w, String name, Write write) {
        w.add(Arguments.of(name, Named.of(name, write)));
    }

    @ParameterizedTest(name = "{0} when {1}")
    @MethodSource("writesInEveryNonWritableState")
    void writeOutsideAcquiredThrowsNamingTheStateAndChangesNothing(
            String name, SpanState state, String message, Write write) {
        Fixture f = fixtureIn(state);
        String before = f.snapshot();

        assertThatThrownBy(() -> write.apply(f)).isInstanceOf(IllegalStateException.class).hasMessage(message);

        assertThat(f.span.state()).isEqualTo(state);
        assertThat(f.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} when ACQUIRED")
    @MethodSource("writes")
    void everyGuardedWriteSucceedsWhileAcquired(String name, Write write) {
        Fixture f = fixtureIn(SpanState.ACQUIRED);

        if (name.contains("state checked first")) {
            assertThatThrownBy(() -> write.apply(f))
                    .isInstanceOfAny(NullPointerException.class, IllegalArgumentException.class);
        } else {
            write.apply(f);
        }

        assertThat(f.span.state()).isIn(SpanState.ACQUIRED, SpanState.ENDED);
    }

    private static Fixture fixtureIn(SpanState state) {
        SpanData span = SpanData.create(ONE_EVENT_ONE_LINK);
        SpanEvent event = span.addEvent("event", 1L);
        event.put("e", 1L);
        SpanLink link = span.addLink(1L, 2L, 3L, (byte) 1);
        link.put("l", 1L);
        SpanEvent droppedEvent = span.addEvent("dropped", 2L);
        SpanLink droppedLink = span.addLink(4L, 5L, 6L, (byte) 0);
        assertThat(droppedEvent.isRecorded()).isFalse();
        assertThat(droppedLink.isRecorded()).isFalse();
        span.put("a", "b");
        switch (state) {
            case ACQUIRED:
                break;
            case ENDED:
                span.end(5L);
                break;
            case SUBMITTED:
                span.end(5L);
                span.markSubmitted();
                break;
            case FREE:
                span.reset();
                break;
            default:
                throw new AssertionError(state);
        }
        return new Fixture(span, event, link, droppedEvent, droppedLink);
    }
}
