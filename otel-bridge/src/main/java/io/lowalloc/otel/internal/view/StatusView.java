package io.lowalloc.otel.internal.view;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.StatusData;

/**
 * Maps a core status to {@link StatusData}: the SDK's cached instances for UNSET, OK and ERROR
 * without a description ({@code StatusData.create} returns those too), and for an ERROR with a
 * description this reusable view, rebound per span, instead of a new object per span.
 */
final class StatusView implements StatusData {

    private String description = "";

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
        return StatusCode.ERROR;
    }

    @Override
    public String getDescription() {
        return description;
    }

    /** {@return a new description: code and description} */
    @Override
    public String toString() {
        return "StatusData{statusCode=ERROR, description=" + description + "}";
    }
}
