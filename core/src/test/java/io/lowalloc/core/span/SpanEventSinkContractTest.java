package io.lowalloc.core.span;

import io.lowalloc.core.attr.AttributeReader;
import io.lowalloc.core.attr.AttributeSink;
import io.lowalloc.core.attr.AttributeSinkContract;

/** {@link SpanEvent} behaves like every other attribute sink while its span is ACQUIRED. */
class SpanEventSinkContractTest extends AttributeSinkContract {

    @Override
    protected AttributeSink newSink() {
        return SpanData.create(SpanLimits.defaults()).addEvent("event", 1L);
    }

    @Override
    protected AttributeReader readerOf(AttributeSink sink) {
        return ((SpanEvent) sink).attributes();
    }
}
