package io.lowalloc.otel.internal.view;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.StatusData;

/**
 * Maps a core status to {@link StatusData}: the SDK's cached instances for UNSET, OK and ERROR
 * without a description ({@code StatusData.create} returns those too), and for an ERROR with a
 * description this reusable view, rebound per span, instead of a new object per span. The view
 * is valid while its span view stays bound and it was taken under that binding; reads after that
 * throw {@link IllegalStateException} naming copy mode. The cached instances are immutable.
 */
final class StatusView extends OwnedView implements StatusData {

    private static final String WHAT = "StatusData view read after its export completed";

    private String description = "";

    StatusView(Generation owner) {
        super(owner);
    }

    /** Returns the status for a core code and description; rebinds this view if needed. */
    StatusData bind(io.lowalloc.core.span.StatusCode code, String description) {
        switch (code) {
            case OK:
                return StatusData.ok();
            case ERROR:
                if (description.isEmpty()) {
                    return StatusData.error();
                }
                this.description = description;
                return this;
            default:
                return StatusData.unset();
        }
    }

    @Override
    public StatusCode getStatusCode() {
        check(WHAT);
        return StatusCode.ERROR;
    }

    @Override
    public String getDescription() {
        check(WHAT);
        return description;
    }

    /** {@return a new description: code and description; {@code StatusData{unbound}} when stale} */
    @Override
    public String toString() {
        return isLive() ? describe() : "StatusData{unbound}";
    }

    /** {@return a new description, unchecked: for the owning span view's description} */
    String describe() {
        return "StatusData{statusCode=ERROR, description=" + description + "}";
    }
}
