package io.lowalloc.examples;

import io.lowalloc.core.pool.ObjectPool;
import io.lowalloc.core.span.SpanData;

/**
 * The pooled-object pitfalls of the Go example's README, in Java, and what this library does
 * about them.
 *
 * <ul>
 *   <li><b>Reset before release.</b> In Go, putting an object back without clearing it hands the
 *       previous holder's data to the next one. {@link ObjectPool#release} calls
 *       {@link io.lowalloc.core.pool.Poolable#reset()} itself, before any other thread can acquire
 *       the object: {@link #reuseAfterRelease} shows the next holder gets it empty.</li>
 *   <li><b>Use after release.</b> In Go, writing to an object after {@code Put} silently corrupts
 *       whoever got it next. Here a write to a released span throws
 *       {@link IllegalStateException} ("span is free (released to its pool)"), and so does a second
 *       release: {@link #modifyAfterRelease} and {@link #releaseTwice}.</li>
 * </ul>
 */
public final class PoolMisuse {

    private PoolMisuse() {
    }

    /**
     * What the next holder of a released span saw.
     *
     * @param sameInstance whether the pool handed out the very object that was released
     * @param nameSeen the name the next holder found ({@code ""} after the reset)
     * @param attributesSeen how many attributes the next holder found (0 after the reset)
     */
    public record Reuse(boolean sameInstance, String nameSeen, int attributesSeen) {
    }

    /**
     * Fills a pooled span, releases it, acquires again and reports what the new holder sees.
     *
     * @param pool the pool to use; it should be empty or hold only free spans
     * @return what the next holder saw
     */
    public static Reuse reuseAfterRelease(ObjectPool<SpanData> pool) {
        SpanData first = pool.acquire();
        first.setName("GET /users/42");
        first.put("user.email", "someone@example.com");
        pool.release(first);
        SpanData next = pool.acquire();
        try {
            return new Reuse(next == first, next.name(), next.attributes().size());
        } finally {
            pool.release(next);
        }
    }

    /**
     * The misuse: keeps a reference after releasing the span and writes through it. The library
     * detects it; this method never returns normally.
     *
     * @param pool the pool to use
     * @throws IllegalStateException always: "span is free (released to its pool)"
     */
    public static void modifyAfterRelease(ObjectPool<SpanData> pool) {
        SpanData span = pool.acquire();
        pool.release(span);
        span.setName("modified"); // BUG on purpose: the span belongs to the pool now
    }

    /**
     * The other misuse: releases the same span twice. The library detects it and the pool stays
     * intact; this method never returns normally.
     *
     * @param pool the pool to use
     * @throws IllegalStateException always: the object was already released
     */
    public static void releaseTwice(ObjectPool<SpanData> pool) {
        SpanData span = pool.acquire();
        pool.release(span);
        pool.release(span); // BUG on purpose
    }
}
