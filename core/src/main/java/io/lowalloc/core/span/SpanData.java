package io.lowalloc.core.span;

import io.lowalloc.core.attr.AttributeSink;
import io.lowalloc.core.attr.AttributeStore;
import io.lowalloc.core.pool.HandOffReleaser;
import io.lowalloc.core.pool.ObjectPool;
import io.lowalloc.core.pool.PoolSlot;
import io.lowalloc.core.pool.Poolable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A recorded span as plain, resettable, poolable data: ids as primitives (trace id as two
 * longs, span id as one), timestamps as epoch nanoseconds, attributes, events and links in
 * storage preallocated from {@link SpanLimits} and kept across {@link #reset()}.
 *
 * <p><b>Lifecycle and the write guard.</b> {@link SpanState#FREE} → {@link SpanState#ACQUIRED}
 * ({@link #onAcquire()}, by the pool) → {@link SpanState#ENDED} ({@link #end(long)}) →
 * {@link SpanState#SUBMITTED} ({@link #markSubmitted()}, by a pipeline before it queues the span)
 * → {@code FREE} ({@link #reset()}, by the pool on release). Every write — the
 * setters, {@code put}, {@link #addEvent}, {@link #addLink}, {@link #end}, and the {@code put}s of
 * the span's events and links, including through a reference kept from earlier — is allowed only
 * while {@code ACQUIRED}. In any other state it changes nothing and throws
 * {@link IllegalStateException} naming the state: {@code "span already ended"},
 * {@code "span already submitted"} or {@code "span is free (released to its pool)"}; the state is
 * checked before the arguments. Reads are allowed in every state.
 *
 * <p><b>Who releases.</b> The holder may release an {@code ACQUIRED} or {@code ENDED} span to its
 * pool. A {@code SUBMITTED} span belongs to the pipeline it was submitted to: a plain
 * {@link ObjectPool#release(Poolable)} of it throws {@link IllegalStateException} naming the state
 * ({@link #checkReleasable()}) and changes nothing, so the next {@code acquire()} cannot hand out a
 * span that is still queued or being exported. The pipeline returns it through the pool's
 * {@link HandOffReleaser} (claimed once by whoever queues the pool's spans), when the buffer
 * refused it and from the buffer's completion hook once its export's result is known.
 *
 * <p><b>Limits.</b> Past {@link SpanLimits#attributeLimit()}, {@link SpanLimits#eventLimit()} and
 * {@link SpanLimits#linkLimit()}, new attributes, events and links are dropped and counted, never
 * thrown. Below the limits, storage beyond the preallocated part grows while a pooled span warms
 * up.
 *
 * <p><b>Array attributes are held by reference, not copied</b> (see {@link AttributeSink}): the
 * exporter reads the caller's array after {@link #end(long)}, so a change to it before the span is
 * back in its pool is exported. Pass arrays that are never modified afterwards.
 *
 * <p><b>Allocation.</b> Every method except {@link #create}, {@link #newPool} and
 * {@link #toString()} allocates nothing once the storage a workload needs has been reached.
 *
 * <p><b>Threads.</b> Not thread-safe: one owner at a time; hand a span to another thread through a
 * thread-safe queue. The state is a plain field, so a stale reference used on another thread is
 * caught on a best-effort basis only.
 */
public final class SpanData extends GuardedAttributes implements Poolable {

    /** W3C trace flags bit 0: sampled. */
    static final byte FLAG_SAMPLED = 0x01;

    /** Capacity the events or links array jumps to when it first grows from empty. */
    private static final int MIN_GROWN_CAPACITY = 4;

    // Shared by every span that preallocates none: growth replaces them, nothing writes into them.
    private static final SpanEvent[] NO_EVENTS = new SpanEvent[0];
    private static final SpanLink[] NO_LINKS = new SpanLink[0];

    private final PoolSlot slot = new PoolSlot();
    private final SpanLimits limits;
    /** The stand-ins returned past the limits; made at the first drop, then kept. */
    private SpanEvent droppedEvent;
    private SpanLink droppedLink;
    private SpanEvent[] events;
    private SpanLink[] links;

    private SpanState state = SpanState.FREE;
    private long traceIdHigh;
    private long traceIdLow;
    private long spanId;
    private long parentSpanId;
    private boolean parentRemote;
    private byte traceFlags;
    private String traceState = "";
    // False for a span the sampler dropped: writes are checked for state, then ignored.
    private boolean recording = true;
    private String name = "";
    private SpanKind kind = SpanKind.INTERNAL;
    private long startEpochNanos;
    private long endEpochNanos;
    private StatusCode statusCode = StatusCode.UNSET;
    private String statusDescription = "";
    private int eventCount;
    private int droppedEvents;
    private int linkCount;
    private int droppedLinks;
    private Object attachment;

    SpanData(SpanLimits limits) {
        super(AttributeStore.create(limits.attributeInitialCapacity(), limits.attributeLimit()));
        this.limits = limits;
        this.events = limits.preallocatedEvents() == 0 ? NO_EVENTS : new SpanEvent[limits.preallocatedEvents()];
        for (int i = 0; i < events.length; i++) {
            events[i] = newEvent();
        }
        this.links = limits.preallocatedLinks() == 0 ? NO_LINKS : new SpanLink[limits.preallocatedLinks()];
        for (int i = 0; i < links.length; i++) {
            links[i] = newLink();
        }
    }

    /**
     * Creates an unpooled span, already {@link SpanState#ACQUIRED} (writable). It can be
     * {@link #reset()} and {@link #onAcquire() re-acquired} by hand, but never released to an
     * {@link ObjectPool}: use {@link #newPool(int, SpanLimits)} for pooled spans.
     *
     * @param limits the storage limits
     * @return a new writable span
     * @throws NullPointerException if {@code limits} is {@code null}
     */
    public static SpanData create(SpanLimits limits) {
        SpanData span = new SpanData(Objects.requireNonNull(limits, "limits"));
        span.onAcquire();
        return span;
    }

    /**
     * Creates a pool of spans that all use {@code limits}. Spans are made by the pool on demand
     * (call {@link ObjectPool#prefill(int)} to make them up front), handed out
     * {@link SpanState#ACQUIRED} and reset to {@link SpanState#FREE} when released.
     *
     * @param capacity the most spans kept in the pool, {@code > 0}
     * @param limits the storage limits of every span
     * @return a new pool
     * @throws IllegalArgumentException if {@code capacity <= 0}
     * @throws NullPointerException if {@code limits} is {@code null}
     */
    public static ObjectPool<SpanData> newPool(int capacity, SpanLimits limits) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0, was: " + capacity);
        }
        Objects.requireNonNull(limits, "limits");
        return ObjectPool.create(() -> new SpanData(limits), capacity);
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public PoolSlot poolSlot() {
        return slot;
    }

    /**
     * Makes a {@link SpanState#FREE} span {@link SpanState#ACQUIRED}; called by the pool.
     *
     * @throws IllegalStateException if the span is not {@code FREE} (it was not reset)
     */
    @Override
    public void onAcquire() {
        if (state != SpanState.FREE) {
            throw new IllegalStateException(
                    state == SpanState.ACQUIRED ? "span already acquired" : stateMessage(state));
        }
        state = SpanState.ACQUIRED;
        recording = true;
    }

    /**
     * Records the end time and makes the span {@link SpanState#ENDED}. An end before the start
     * (a clock that stepped back) is clamped to the start, so the duration is never negative.
     *
     * @param endEpochNanos when the operation ended, in nanoseconds since the Unix epoch,
     *     {@code >= 0}
     * @throws IllegalArgumentException if {@code endEpochNanos < 0}
     */
    public void end(long endEpochNanos) {
        checkWritable();
        checkNanos("endEpochNanos", endEpochNanos);
        this.endEpochNanos = Math.max(endEpochNanos, startEpochNanos);
        state = SpanState.ENDED;
    }

    /**
     * Marks an ended span as handed to a pipeline ({@link SpanState#SUBMITTED}), so a write
     * through a reference the application kept fails.
     *
     * @throws IllegalStateException if the span is not {@link SpanState#ENDED}: message
     *     {@code "span not ended yet"}, {@code "span already submitted"} or
     *     {@code "span is free (released to its pool)"}
     */
    public void markSubmitted() {
        if (state != SpanState.ENDED) {
            throw new IllegalStateException(
                    state == SpanState.ACQUIRED ? "span not ended yet" : stateMessage(state));
        }
        state = SpanState.SUBMITTED;
    }

    /**
     * Checks that an unsampled span may be ended and returned to its pool by its recorder: it
     * must be acquired or ended, never free (ended twice) or submitted.
     *
     * @throws IllegalStateException otherwise, naming the state
     */
    void checkUnsampledEnd() {
        if (state != SpanState.ACQUIRED && state != SpanState.ENDED) {
            throw new IllegalStateException(stateMessage(state));
        }
    }

    /**
     * Refuses a plain release of a {@link SpanState#SUBMITTED} span (see the class
     * documentation); every other state may be released by its holder. Called by the pool;
     * allocates nothing when it passes.
     *
     * @throws IllegalStateException if the span is {@code SUBMITTED}: message
     *     {@code "cannot release a SUBMITTED span: the pipeline it was submitted to owns it and
     *     returns it to the pool (through the pool's hand-off releaser)"}
     */
    @Override
    public void checkReleasable() {
        if (state == SpanState.SUBMITTED) {
            throw new IllegalStateException("cannot release a SUBMITTED span: the pipeline it was submitted to"
                    + " owns it and returns it to the pool (through the pool's hand-off releaser)");
        }
    }

    /**
     * Sets every field back to its initial value (ids 0, name {@code ""}, kind
     * {@link SpanKind#INTERNAL}, status {@link StatusCode#UNSET}, times 0, no attributes, events
     * or links, dropped counts 0) and the state to {@link SpanState#FREE}, from any state; called
     * by the pool on release (which refuses a {@code SUBMITTED} span unless it comes through the
     * pool's {@link HandOffReleaser}). Storage capacity is kept.
     *
     * <p>What it touches, since for an exported span it runs on the export worker and the next
     * holder writes the same memory from another core: this span's own fields, the count and
     * value references of each attribute store in use (the span's and those of its recorded
     * events and links), nothing past the counts. Value references are nulled, so a free span
     * keeps no recorded value alive; attribute keys stay in their slots, unreadable (see
     * {@link io.lowalloc.core.attr.AttributeStore#clear()}), and a span refilled with the same
     * constant keys writes none of them again. Allocates nothing.
     */
    @Override
    public void reset() {
        traceIdHigh = 0L;
        traceIdLow = 0L;
        spanId = 0L;
        parentSpanId = 0L;
        parentRemote = false;
        traceFlags = 0;
        traceState = "";
        name = "";
        kind = SpanKind.INTERNAL;
        startEpochNanos = 0L;
        endEpochNanos = 0L;
        statusCode = StatusCode.UNSET;
        statusDescription = "";
        store().clear();
        for (int i = 0; i < eventCount; i++) {
            events[i].reset();
        }
        eventCount = 0;
        droppedEvents = 0;
        for (int i = 0; i < linkCount; i++) {
            links[i].reset();
        }
        linkCount = 0;
        droppedLinks = 0;
        attachment = null;
        state = SpanState.FREE;
    }

    // ---------------------------------------------------------------- writes

    /**
     * Sets the trace id. Not validated: all zeros is the W3C "invalid" id.
     *
     * @param traceIdHigh the high 64 bits
     * @param traceIdLow the low 64 bits
     * @return this span
     */
    public SpanData setTraceId(long traceIdHigh, long traceIdLow) {
        checkWritable();
        this.traceIdHigh = traceIdHigh;
        this.traceIdLow = traceIdLow;
        return this;
    }

    /**
     * Sets the span id. Not validated: 0 is the W3C "invalid" id.
     *
     * @param spanId the span id
     * @return this span
     */
    public SpanData setSpanId(long spanId) {
        checkWritable();
        this.spanId = spanId;
        return this;
    }

    /**
     * Sets the parent span.
     *
     * @param parentSpanId the parent's span id; 0 for a root span
     * @param remote whether the parent was propagated from another process (meaningful only
     *     with a parent)
     * @return this span
     */
    public SpanData setParent(long parentSpanId, boolean remote) {
        checkWritable();
        this.parentSpanId = parentSpanId;
        this.parentRemote = remote;
        return this;
    }

    /**
     * Sets the W3C trace flags byte.
     *
     * @param traceFlags the flags; bit 0 is "sampled"
     * @return this span
     */
    public SpanData setTraceFlags(byte traceFlags) {
        checkWritable();
        this.traceFlags = traceFlags;
        return this;
    }

    /**
     * Sets the W3C {@code tracestate} value this span carries (inherited from its parent, or set
     * for an outgoing request), held by reference and not validated here (see {@link TraceState}).
     *
     * @param traceState the header value; {@code ""} for none
     * @return this span
     * @throws NullPointerException if {@code traceState} is null
     */
    public SpanData setTraceState(String traceState) {
        checkWritable();
        this.traceState = Objects.requireNonNull(traceState, "traceState");
        return this;
    }

    /**
     * Marks the span as not recording (the sampler dropped it), until it is next acquired: from
     * now on attributes, events, links and status written to it are checked for the span's state,
     * then ignored. Called by the recorder that starts it.
     */
    void setNonRecording() {
        recording = false;
    }

    /**
     * Sets or clears the sampled bit of the trace flags, leaving the other bits alone.
     *
     * @param sampled whether the span is sampled
     * @return this span
     */
    public SpanData setSampled(boolean sampled) {
        checkWritable();
        traceFlags = (byte) (sampled ? traceFlags | FLAG_SAMPLED : traceFlags & ~FLAG_SAMPLED);
        return this;
    }

    /**
     * Sets the span name, held by reference.
     *
     * @param name the name
     * @return this span
     * @throws NullPointerException if {@code name} is {@code null}
     */
    public SpanData setName(String name) {
        checkWritable();
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Attaches an opaque reference for an adapter (the OpenTelemetry bridge keeps the span's
     * instrumentation scope there), cleared on {@link #reset()}; the core never reads it.
     *
     * @param attachment the reference, or {@code null} to clear it
     * @return this span
     */
    public SpanData setAttachment(Object attachment) {
        checkWritable();
        this.attachment = attachment;
        return this;
    }

    /** {@return the reference set by {@link #setAttachment(Object)}; nullable: null when none} */
    public Object attachment() {
        return attachment;
    }

    /**
     * Sets the span kind.
     *
     * @param kind the kind
     * @return this span
     * @throws NullPointerException if {@code kind} is {@code null}
     */
    public SpanData setKind(SpanKind kind) {
        checkWritable();
        this.kind = Objects.requireNonNull(kind, "kind");
        return this;
    }

    /**
     * Sets the start time.
     *
     * @param startEpochNanos when the operation started, in nanoseconds since the Unix epoch,
     *     {@code >= 0}
     * @return this span
     * @throws IllegalArgumentException if {@code startEpochNanos < 0}
     */
    public SpanData setStartEpochNanos(long startEpochNanos) {
        checkWritable();
        this.startEpochNanos = checkNanos("startEpochNanos", startEpochNanos);
        return this;
    }

    /**
     * Sets the status without a description; same rules as
     * {@link #setStatus(StatusCode, String)}.
     *
     * @param code the status code
     * @return this span
     * @throws NullPointerException if {@code code} is {@code null}
     */
    public SpanData setStatus(StatusCode code) {
        return setStatus(code, "");
    }

    /**
     * Sets the status, following the OpenTelemetry rules: {@link StatusCode#UNSET} is ignored,
     * {@link StatusCode#OK} is final (later calls are ignored), and the description is kept only
     * with {@link StatusCode#ERROR}.
     *
     * @param code the status code
     * @param description why the operation failed; held by reference, {@code ""} for none
     * @return this span
     * @throws NullPointerException if {@code code} or {@code description} is {@code null}
     */
    public SpanData setStatus(StatusCode code, String description) {
        checkWritable();
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(description, "description");
        if (!recording || code == StatusCode.UNSET || statusCode == StatusCode.OK) {
            return this;
        }
        statusCode = code;
        statusDescription = code == StatusCode.ERROR ? description : "";
        return this;
    }

    /**
     * Adds an event and returns it, for its attributes. Once {@link SpanLimits#eventLimit()} events
     * are held, the event is dropped and counted, and a stand-in is returned whose
     * {@link SpanEvent#isRecorded()} is {@code false} and which checks, then discards, attributes.
     *
     * @param name the event name, held by reference
     * @param epochNanos when the event happened, in nanoseconds since the Unix epoch, {@code >= 0}
     * @return the event (or the dropped-event stand-in); valid until this span is reset
     * @throws NullPointerException if {@code name} is {@code null}
     * @throws IllegalArgumentException if {@code epochNanos < 0}
     */
    public SpanEvent addEvent(String name, long epochNanos) {
        checkWritable();
        Objects.requireNonNull(name, "name");
        checkNanos("epochNanos", epochNanos);
        if (!recording) {
            return droppedEvent();
        }
        if (eventCount == events.length) {
            if (eventCount >= limits.eventLimit()) {
                droppedEvents = saturatedIncrement(droppedEvents);
                return droppedEvent();
            }
            events = Arrays.copyOf(events, grownLength(events.length, limits.eventLimit()));
        }
        SpanEvent event = events[eventCount];
        if (event == null) {
            event = newEvent();
            events[eventCount] = event;
        }
        event.set(name, epochNanos);
        eventCount++;
        return event;
    }

    /**
     * Adds a local link with no trace state; same as
     * {@code addLink(traceIdHigh, traceIdLow, spanId, traceFlags, false, "")}.
     *
     * @param traceIdHigh the high 64 bits of the linked trace id
     * @param traceIdLow the low 64 bits of the linked trace id
     * @param spanId the linked span id
     * @param traceFlags the linked context's W3C trace flags
     * @return the link (or the dropped-link stand-in); valid until this span is reset
     */
    public SpanLink addLink(long traceIdHigh, long traceIdLow, long spanId, byte traceFlags) {
        return addLink(traceIdHigh, traceIdLow, spanId, traceFlags, false, "");
    }

    /**
     * Adds a link to another span context and returns it, for its attributes; ids are not
     * validated. Once {@link SpanLimits#linkLimit()} links are held, the link is dropped and
     * counted, and a stand-in is returned whose {@link SpanLink#isRecorded()} is {@code false} and
     * which checks, then discards, attributes. An unsampled span returns the stand-in without
     * counting.
     *
     * @param traceIdHigh the high 64 bits of the linked trace id
     * @param traceIdLow the low 64 bits of the linked trace id
     * @param spanId the linked span id
     * @param traceFlags the linked context's W3C trace flags
     * @param remote whether the linked context was propagated from another process
     * @param traceState the linked context's W3C {@code tracestate} value, held by reference and
     *     not validated (see {@link TraceState}); {@code ""} for none
     * @return the link (or the dropped-link stand-in); valid until this span is reset
     * @throws NullPointerException if {@code traceState} is null
     */
    public SpanLink addLink(long traceIdHigh, long traceIdLow, long spanId, byte traceFlags, boolean remote,
            String traceState) {
        checkWritable();
        Objects.requireNonNull(traceState, "traceState");
        if (!recording) {
            return droppedLink();
        }
        if (linkCount == links.length) {
            if (linkCount >= limits.linkLimit()) {
                droppedLinks = saturatedIncrement(droppedLinks);
                return droppedLink();
            }
            links = Arrays.copyOf(links, grownLength(links.length, limits.linkLimit()));
        }
        SpanLink link = links[linkCount];
        if (link == null) {
            link = newLink();
            links[linkCount] = link;
        }
        link.set(traceIdHigh, traceIdLow, spanId, traceFlags, remote, traceState);
        linkCount++;
        return link;
    }

    // ---------------------------------------------------------------- reads

    /** {@return the lifecycle state} */
    public SpanState state() {
        return state;
    }

    /** {@return the limits this span was created with} */
    public SpanLimits limits() {
        return limits;
    }

    /** {@return the high 64 bits of the trace id, 0 if unset} */
    public long traceIdHigh() {
        return traceIdHigh;
    }

    /** {@return the low 64 bits of the trace id, 0 if unset} */
    public long traceIdLow() {
        return traceIdLow;
    }

    /** {@return the span id, 0 if unset} */
    public long spanId() {
        return spanId;
    }

    /** {@return the parent's span id, 0 for a root span} */
    public long parentSpanId() {
        return parentSpanId;
    }

    /** {@return whether the span has a parent: {@code parentSpanId() != 0}} */
    public boolean hasParent() {
        return parentSpanId != 0L;
    }

    /**
     * {@return whether the parent was propagated from another process, as given to
     * {@link #setParent(long, boolean)}}
     */
    public boolean isParentRemote() {
        return parentRemote;
    }

    /** {@return the W3C trace flags byte} */
    public byte traceFlags() {
        return traceFlags;
    }

    /** {@return whether the span is sampled (trace flags bit 0)} */
    public boolean isSampled() {
        return (traceFlags & FLAG_SAMPLED) != 0;
    }

    /** {@return the W3C {@code tracestate} value, {@code ""} if none; held by reference} */
    public String traceState() {
        return traceState;
    }

    /**
     * {@return whether writes are recorded: true, except for a span a {@link SpanRecorder}'s
     * sampler dropped, which accepts and ignores attributes, events, links and status and is
     * never exported}
     */
    public boolean isRecording() {
        return recording;
    }

    /** Checks the state (throws unless ACQUIRED), then says whether a write is to be kept. */
    boolean acceptsWrite() {
        checkWritable();
        return recording;
    }

    /** {@return the span name, {@code ""} if unset} */
    public String name() {
        return name;
    }

    /** {@return the span kind, {@link SpanKind#INTERNAL} if unset} */
    public SpanKind kind() {
        return kind;
    }

    /** {@return the start time in nanoseconds since the Unix epoch, 0 if unset} */
    public long startEpochNanos() {
        return startEpochNanos;
    }

    /** {@return the end time in nanoseconds since the Unix epoch, {@code >= startEpochNanos()}; 0 until ended} */
    public long endEpochNanos() {
        return endEpochNanos;
    }

    /** {@return the status code, {@link StatusCode#UNSET} if unset} */
    public StatusCode statusCode() {
        return statusCode;
    }

    /** {@return the status description, kept only with {@link StatusCode#ERROR}; {@code ""} if none} */
    public String statusDescription() {
        return statusDescription;
    }

    /** {@return how many events are recorded, in {@code [0, limits().eventLimit()]}} */
    public int eventCount() {
        return eventCount;
    }

    /**
     * Returns a recorded event.
     *
     * @param index the index, in {@code [0, eventCount())}, in the order they were added
     * @return the event
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, eventCount())}
     */
    public SpanEvent event(int index) {
        return events[Objects.checkIndex(index, eventCount)];
    }

    /** {@return how many events were dropped because {@link SpanLimits#eventLimit()} was reached} */
    public int droppedEventCount() {
        return droppedEvents;
    }

    /** {@return how many links are recorded, in {@code [0, limits().linkLimit()]}} */
    public int linkCount() {
        return linkCount;
    }

    /**
     * Returns a recorded link.
     *
     * @param index the index, in {@code [0, linkCount())}, in the order they were added
     * @return the link
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, linkCount())}
     */
    public SpanLink link(int index) {
        return links[Objects.checkIndex(index, linkCount)];
    }

    /** {@return how many links were dropped because {@link SpanLimits#linkLimit()} was reached} */
    public int droppedLinkCount() {
        return droppedLinks;
    }

    /** {@return a readable, multi-field description with ids in hex; allocates} */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(256)
                .append("SpanData{state=").append(state)
                .append(", name=").append(name)
                .append(", kind=").append(kind)
                .append(String.format(", traceId=%016x%016x, spanId=%016x, parentSpanId=%016x",
                        traceIdHigh, traceIdLow, spanId, parentSpanId))
                .append(parentRemote ? " (remote)" : "")
                .append(String.format(", traceFlags=%02x", traceFlags))
                .append(traceState.isEmpty() ? "" : ", traceState=" + traceState)
                .append(recording ? "" : ", not recording")
                .append(", start=").append(startEpochNanos)
                .append(", end=").append(endEpochNanos)
                .append(", status=").append(statusCode);
        if (!statusDescription.isEmpty()) {
            b.append(" (").append(statusDescription).append(')');
        }
        b.append(", attributes=").append(store())
                .append(", events=[");
        for (int i = 0; i < eventCount; i++) {
            b.append(i > 0 ? ", " : "").append(events[i]);
        }
        b.append("], droppedEvents=").append(droppedEvents).append(", links=[");
        for (int i = 0; i < linkCount; i++) {
            b.append(i > 0 ? ", " : "").append(links[i]);
        }
        return b.append("], droppedLinks=").append(droppedLinks).append('}').toString();
    }

    // ---------------------------------------------------------------- internals

    /** Throws unless the span is ACQUIRED; the exception (and its message) is built only then. */
    void checkWritable() {
        if (state != SpanState.ACQUIRED) {
            throw new IllegalStateException(stateMessage(state));
        }
    }

    private static String stateMessage(SpanState state) {
        switch (state) {
            case ENDED:
                return "span already ended";
            case SUBMITTED:
                return "span already submitted";
            case FREE:
                return "span is free (released to its pool)";
            default:
                return "span is " + state;
        }
    }

    private static long checkNanos(String name, long epochNanos) {
        if (epochNanos < 0L) {
            throw new IllegalArgumentException(name + " must be >= 0, was: " + epochNanos);
        }
        return epochNanos;
    }

    private static int saturatedIncrement(int count) {
        return count == Integer.MAX_VALUE ? count : count + 1;
    }

    private static int grownLength(int length, int limit) {
        return (int) Math.min(limit, Math.max(MIN_GROWN_CAPACITY, 2L * length));
    }

    /** One attribute slot each: stand-ins only validate then forget what is written to them. */
    private SpanEvent droppedEvent() {
        SpanEvent e = droppedEvent;
        if (e == null) {
            e = new SpanEvent(this, AttributeStore.create(1, 1), false);
            droppedEvent = e;
        }
        return e;
    }

    private SpanLink droppedLink() {
        SpanLink l = droppedLink;
        if (l == null) {
            l = new SpanLink(this, AttributeStore.create(1, 1), false);
            droppedLink = l;
        }
        return l;
    }

    private SpanEvent newEvent() {
        return new SpanEvent(this,
                AttributeStore.create(limits.eventAttributeInitialCapacity(), limits.eventAttributeLimit()), true);
    }

    private SpanLink newLink() {
        return new SpanLink(this,
                AttributeStore.create(limits.linkAttributeInitialCapacity(), limits.linkAttributeLimit()), true);
    }
}
