package io.lowalloc.otel.internal.view;

/**
 * Base of the non-list view objects an exporter can hold (span, context, attributes, event, link,
 * status): the owner whose {@link Generation} rules them and the stamp of the generation they were
 * last handed out under. A read calls {@link #check}; whoever returns the view calls
 * {@link #handOut()} first.
 */
abstract class OwnedView {

    private final Generation owner;
    // Plain: written by the exporter thread that takes the view from a getter, read by it and by
    // the threads it hands the view to; see Generation for the ordering argument.
    private int stamp;

    OwnedView(Generation owner) {
        this.owner = owner;
    }

    /** {@return the generation this view follows, to share with the views it owns} */
    final Generation owner() {
        return owner;
    }

    /** Marks this view handed out under the owner's current generation; allocates nothing. */
    final void handOut() {
        int g = owner.current();
        // Skip the store when already stamped: readers on several threads then share the line.
        if (stamp != g) {
            stamp = g;
        }
    }

    /** Throws unless this view was handed out under the current generation. */
    final void check(String what) {
        owner.check(stamp, what);
    }

    /** {@return whether reads are allowed now: handed out under the current generation} */
    final boolean isLive() {
        return stamp == owner.current();
    }
}
