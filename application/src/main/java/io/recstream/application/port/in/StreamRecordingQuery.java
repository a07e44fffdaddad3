package io.recstream.application.port.in;

import io.recstream.domain.BusinessId;
import io.recstream.domain.CallSid;
import java.time.Duration;
import java.util.Objects;

/**
 * A request to play a call's recording.
 *
 * @param maxWait how long the caller is willing to wait for an uncached recording to become ready; zero answers at
 *                once
 */
public record StreamRecordingQuery(Viewer viewer, BusinessId business, CallSid callSid, Duration maxWait) {

    public StreamRecordingQuery {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(callSid, "callSid");
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative");
        }
    }
}
