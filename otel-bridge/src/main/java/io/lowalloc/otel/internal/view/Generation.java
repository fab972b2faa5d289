package io.lowalloc.otel.internal.view;

/**
 * The binding generation of one owner — a span view with everything it hands out, or a batch of
 * span views — against which every view read checks that it is not late.
 *
 * <p>Each view object keeps a stamp: the owner's generation when the view was last handed out
 * (returned by a getter or a list, or passed to the exporter as the batch). Each read compares the
 * stamp with the owner's current generation and throws {@link IllegalStateException} naming copy
 * mode on a difference. The owner advances its generation on every bind and every release, so an
 * object taken under an earlier binding fails every read from then on — until a later binding
 * hands that same reused object out again, after which it shows the later binding's data. The
 * comparison is two plain loads and allocates nothing.
 */
final class Generation {

    private static final String COPY_MODE = " (an exporter that keeps spans after its export result needs copy mode,"
            + " SpanExporterAdapter.Builder.setCopyMode(true))";

    // Plain, not volatile: a read per field access must stay cheap, and a volatile load would not
    // make late reads safe. The export worker advances the generation in bind; release advances it
    // on the thread that settles the export (the worker, or the one completing an asynchronous
    // result). Exporter threads read it and write the stamps. A read that belongs to an export is
    // ordered after that export's bind by a happens-before edge (the export call itself, or the
    // exporter's own hand-off to another thread), so it sees the bound generation, the stamps its
    // thread or its hand-off wrote, and the bound data. A late read ordered after the release
    // (e.g. from a completion callback or join() that the adapter's settle precedes) sees the
    // advance and throws; one ordered before it still reads its own, still bound span. A late read
    // ordered neither way races with the worker: even a volatile load here would not keep the data
    // read next from being rebound under it (that takes a re-check after every data read, as in a
    // seqlock), so it is caught on a best-effort basis. An int, not a long: a plain long may tear on
    // a 32-bit JVM (JLS 17.7); a false match needs exactly 2^32 bindings between stamp and read.
    // Starts at 1 so that the zero stamp of a view never handed out is stale.
    private int current = 1;

    /** {@return the current generation} */
    int current() {
        return current;
    }

    /** Starts a new generation: every view handed out so far is stale. */
    void advance() {
        current++;
    }

    /** Throws unless {@code stamp} is the current generation; {@code what} opens the message. */
    void check(int stamp, String what) {
        if (stamp != current) {
            throw stale(what);
        }
    }

    /** {@return the exception for a late read; {@code what} opens the message, copy mode closes it} */
    static IllegalStateException stale(String what) {
        return new IllegalStateException(what + COPY_MODE);
    }
}
