package io.lowalloc.core.span;

import io.lowalloc.core.attr.AttributeReader;
import io.lowalloc.core.attr.AttributeSink;
import io.lowalloc.core.attr.AttributeSinkContract;

/** {@link SpanLink} behaves like every other attribute sink while its span is ACQUIRED. */
class SpanLinkSinkContractTest extends AttributeSinkContract {

    @Override
    protected AttributeSink newSink() {
        return SpanData.create(SpanLimits.defaults()).addLink(1L, 2L, 3L, (byte) 1);
    }

    @Override
    protected AttributeReader readerOf(AttributeSink sink) {
        return ((SpanLink) sink).attributes();
    }
}
