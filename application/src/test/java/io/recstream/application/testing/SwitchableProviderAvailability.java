package io.recstream.application.testing;

import io.recstream.application.port.out.ProviderAvailability;
import java.time.Duration;
import java.util.Optional;

/** A provider whose circuit the test opens and closes. */
public final class SwitchableProviderAvailability implements ProviderAvailability {

    private volatile Duration unavailableFor;

    public void open(Duration remaining) {
        this.unavailableFor = remaining;
    }

    public void close() {
        this.unavailableFor = null;
    }

    @Override
    public Optional<Duration> unavailableFor() {
        return Optional.ofNullable(unavailableFor);
    }
}
