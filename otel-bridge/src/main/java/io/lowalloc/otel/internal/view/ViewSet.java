package io.lowalloc.otel.internal.view;

import io.lowalloc.core.span.SpanData;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The views of one export at a time: one {@link PooledSpanDataView} per span, grown to the largest
 * batch and reused while exports complete, and the batch collection handed to the exporter.
 * Taken by compare-and-set when an export starts ({@link #tryTake()}), {@link #bind bound} to the
 * batch, and {@link #release() released} when the export's result is known.
 *
 * <p>Late reads: release makes the collection, its iterators, every span view and everything they
 * handed out fail every read with {@link IllegalStateException} naming copy mode. Binding the next
 * batch does not revive them: a span view works again only once the exporter takes it from the
 * new collection, and its contexts, attributes, events, links and status only once taken from it
 * again. Two collections are used in turn, so the collection of one export still fails
 * throughout the next.
 *
 * <p>Allocation: nothing per export once grown. Not thread-safe beyond the take: one export binds
 * and releases it; the release may run on the thread that completes the export's result, and the
 * next {@link #tryTake()} is ordered after it by the compare-and-set.
 */
public final class ViewSet {

    private static final PooledSpanDataView[] NO_VIEWS = new PooledSpanDataView[0];

    private final AttributeKeyCache keys;
    private final Resource resource;
    private final InstrumentationScopeInfo scope;
    private final Generation generation = new Generation();
    private final ViewList<io.opentelemetry.sdk.trace.data.SpanData> evenList = new ViewList<>(generation);
    private final ViewList<io.opentelemetry.sdk.trace.data.SpanData> oddList = new ViewList<>(generation);
    private final AtomicBoolean taken = new AtomicBoolean();
    private PooledSpanDataView[] views = NO_VIEWS;
    private ViewList<io.opentelemetry.sdk.trace.data.SpanData> list = oddList;
    private int size;
    private int overLimitValues;

    private ViewSet(AttributeKeyCache keys, Resource resource, InstrumentationScopeInfo scope) {
        this.keys = keys;
        this.resource = resource;
        this.scope = scope;
    }

    /**
     * Creates an empty, free set.
     *
     * @param keys the attribute key cache its views share
     * @param resource the resource every span shows
     * @param scope the scope of spans whose attachment is not an {@code InstrumentationScopeInfo}
     * @return a new set
     */
    public static ViewSet create(AttributeKeyCache keys, Resource resource, InstrumentationScopeInfo scope) {
        return new ViewSet(keys, resource, scope);
    }

    /**
     * Takes the set for one export.
     *
     * @return whether it was free and is now taken by the caller
     */
    public boolean tryTake() {
        return taken.compareAndSet(false, true);
    }

    /**
     * Binds one view per span of {@code batch} and returns the collection to hand to the
     * exporter. Allocates nothing once the set has seen a batch as large.
     *
     * @param batch the spans, read but never written; they must stay unchanged until release
     * @return the read-only collection of views, valid until {@link #release()}
     */
    public Collection<io.opentelemetry.sdk.trace.data.SpanData> bind(List<SpanData> batch) {
        int n = batch.size();
        if (views.length < n) {
            PooledSpanDataView[] grown = Arrays.copyOf(views, n);
            for (int i = views.length; i < n; i++) {
                grown[i] = new PooledSpanDataView(keys, resource, scope);
            }
            views = grown;
        }
        // Counted first so that a span that cannot be read still has its view let go of at release.
        size = n;
        generation.advance();
        int over = 0;
        PooledSpanDataView previous = null;
        for (int i = 0; i < n; i++) {
            PooledSpanDataView view = views[i];
            view.attach(batch.get(i), previous);
            over += view.overLimitValueCount();
            previous = view;
        }
        overLimitValues = over;
        list = list == evenList ? oddList : evenList;
        list.bind(views, n);
        list.handOut();
        return list;
    }

    /**
     * Returns how many attribute values of the bound batch are over their span's attribute value
     * length limit and shown cut (see {@link PooledSpanDataView#overLimitValueCount()}).
     *
     * @return the count, {@code >= 0}
     */
    public int overLimitValueCount() {
        return overLimitValues;
    }

    /** Unbinds every view (all their reads fail from now on) and frees the set for the next export. */
    public void release() {
        generation.advance();
        for (int i = 0; i < size; i++) {
            views[i].unbind();
        }
        size = 0;
        overLimitValues = 0;
        list.bind(views, 0);
        taken.set(false);
    }
}
