package io.recstream.domain;

import java.time.Instant;
import java.util.Objects;

/** What the telephony service tells about a call: who, which way, when, how long. */
public record CallDetails(Direction direction, String from, String to, Instant startedAt, long durationSeconds) {

    public CallDetails {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(startedAt, "startedAt");
        if (durationSeconds < 0) {
            throw new IllegalArgumentException("durationSeconds must not be negative");
        }
    }
}
