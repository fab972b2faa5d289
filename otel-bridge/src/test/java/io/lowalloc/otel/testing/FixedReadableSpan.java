package io.lowalloc.otel.testing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;

/**
 * A {@link ReadableSpan} that is not an SDK span: it answers every accessor from a fixed
 * {@link SpanData} and always reports itself ended, so a processor can be handed data the SDK
 * would never produce, such as {@link #invalidSpan()} whose {@code toSpanData()} throws. Immutable.
 */
@SuppressWarnings("deprecation") // the interface still declares the deprecated library-info accessor
public final class FixedReadableSpan implements ReadableSpan {

    /** The message of the exception {@link #invalidSpan()}'s {@code toSpanData()} throws. */
    public static final String SNAPSHOT_FAILURE = "this span cannot be snapshot";

    /** Returns a sampled, ended span whose {@code toSpanData()} throws an {@link IllegalStateException}. */
    public static ReadableSpan invalidSpan() {
        return new FixedReadableSpan(unreadableData(), Snapshot.THROWS);
    }

    /** Returns a sampled, ended span whose {@code toSpanData()} returns null. */
    public static ReadableSpan nullSnapshotSpan() {
        return new FixedReadableSpan(unreadableData(), Snapshot.NULL);
    }

    private static SpanData unreadableData() {
        return TestSpanData.builder()
                .setSpanContext(SpanContext.create("0123456789abcdef0123456789abcdef", "0123456789abcdef",
                        TraceFlags.getSampled(), TraceState.getDefault()))
                .setName("unreadable")
                .setKind(SpanKind.INTERNAL)
                .setStartEpochNanos(1)
                .setEndEpochNanos(5)
                .setStatus(StatusData.unset())
                .setHasEnded(true)
                .setTotalRecordedEvents(0)
                .setTotalRecordedLinks(0)
                .build();
    }

    /** What {@link #toSpanData()} does. */
    private enum Snapshot { DATA, THROWS, NULL }

    private final SpanData data;
    private final Snapshot snapshot;

    /** Creates a span that shows {@code data}. */
    public FixedReadableSpan(SpanData data) {
        this(data, Snapshot.DATA);
    }

    private FixedReadableSpan(SpanData data, Snapshot snapshot) {
        this.data = data;
        this.snapshot = snapshot;
    }

    @Override
    public SpanContext getSpanContext() {
        return data.getSpanContext();
    }

    @Override
    public SpanContext getParentSpanContext() {
        return data.getParentSpanContext();
    }

    @Override
    public String getName() {
        return data.getName();
    }

    @Override
    public SpanData toSpanData() {
        switch (snapshot) {
            case THROWS:
                throw new IllegalStateException(SNAPSHOT_FAILURE);
            case NULL:
                return null;
            default:
                return data;
        }
    }

    @Override
    @Deprecated
    public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
        return data.getInstrumentationLibraryInfo();
    }

    @Override
    public InstrumentationScopeInfo getInstrumentationScopeInfo() {
        return data.getInstrumentationScopeInfo();
    }

    @Override
    public boolean hasEnded() {
        return true;
    }

    @Override
    public long getLatencyNanos() {
        return data.getEndEpochNanos() - data.getStartEpochNanos();
    }

    @Override
    public SpanKind getKind() {
        return data.getKind();
    }

    @Override
    public <T> T getAttribute(AttributeKey<T> key) {
        return data.getAttributes().get(key);
    }
}
