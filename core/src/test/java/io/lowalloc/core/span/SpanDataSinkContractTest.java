package io.lowalloc.core.span;

import io.lowalloc.core.attr.AttributeReader;
import io.lowalloc.core.attr.AttributeSink;
import io.lowalloc.core.attr.AttributeSinkContract;

/** {@link SpanData} behaves like every other attribute sink while its span is ACQUIRED. */
class SpanDataSinkContractTest extends AttributeSinkContract {

    @Override
    protected AttributeSink newSink() {
        return SpanData.create(SpanLimits.defaults());
    }

    @Override
    protected AttributeReader readerOf(AttributeSink sink) {
        return ((SpanData) sink).attributes();
    }
}
