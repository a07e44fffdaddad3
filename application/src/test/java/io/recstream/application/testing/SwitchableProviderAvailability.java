package io.recstream.application.testing;

import io.recstream.application.port.out.ProviderAvailability;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A provider whose circuit the test opens, for a while on its clock, and closes. */
public final class SwitchableProviderAvailability implements ProviderAvailability {

    private final Clock clock;
    private volatile Instant outUntil;

    public SwitchableProviderAvailability(Clock clock) {
        this.clock = clock;
    }

    public void open(Duration remaining) {
        this.outUntil = clock.instant().plus(remaining);
    }

    public void close() {
        this.outUntil = null;
    }

    @Override
    public Optional<Duration> unavailableFor() {
        Instant until = outUntil;
        if (until == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), until);
        return left.isPositive() ? Optional.of(left) : Optional.empty();
    }
}
