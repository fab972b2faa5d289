package io.lowalloc.otel;

/** The strings {@link AllocationWorkload} writes, kept out of its class (see there). */
final class WorkloadText {

    static final String[] TEXT = {
        "GET /orders/{id}", "upstream timed out", "retry",
        "http.request.method", "http.response.body.size", "sampling.ratio", "cache.hit", "tags", "sizes",
        "weights", "flags", "retry.attempt", "retry.reason", "link.kind",
        "GET", "timeout", "follows_from"};

    private WorkloadText() {
    }
}
