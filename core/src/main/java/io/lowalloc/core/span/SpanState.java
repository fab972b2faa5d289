package io.lowalloc.core.span;

/**
 * Where a {@link SpanData} is in its pooled lifecycle. Only an {@link #ACQUIRED} span may be
 * written; every write in another state throws {@link IllegalStateException} naming the state.
 *
 * <pre>
 * FREE --onAcquire--&gt; ACQUIRED --end--&gt; ENDED --markSubmitted--&gt; SUBMITTED
 *  ^ ^                     |                |                         |
 *  | +-- reset: release by the holder ------+                         |
 *  +---- reset: release by the pipeline only (the pool's hand-off releaser)
 * </pre>
 */
public enum SpanState {
    /** In its pool (or just created by a pool's factory): not writable, values are reset. */
    FREE,
    /** Handed out to its owner: the only writable state. */
    ACQUIRED,
    /** {@link SpanData#end(long)} was called: complete, readable, no longer writable. */
    ENDED,
    /**
     * Handed to a pipeline by {@link SpanData#markSubmitted()}: owned by the pipeline, which alone
     * returns it to the pool; a plain release throws.
     */
    SUBMITTED
}
