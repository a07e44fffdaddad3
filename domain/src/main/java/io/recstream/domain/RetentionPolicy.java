package io.recstream.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** How long a recording may be played after Twilio created it: the product's own policy, not Twilio's. */
public record RetentionPolicy(Duration maxAge) {

    public RetentionPolicy {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("retention must be positive");
        }
    }

    /** A recording whose age is not known yet is not expired: the worker learns it from Twilio before storing. */
    public boolean isExpired(Call call, Instant now) {
        return call.ageReference().map(created -> created.plus(maxAge).isBefore(now)).orElse(false);
    }
}
