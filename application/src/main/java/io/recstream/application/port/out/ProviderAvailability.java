package io.recstream.application.port.out;

import java.time.Duration;
import java.util.Optional;

/** Whether the recording provider may be called now (its circuit is closed), so a play can answer at once. */
public interface ProviderAvailability {

    /** @return how long until the provider may be tried again, if it is known to be failing now */
    Optional<Duration> unavailableFor();
}
