package io.recstream.application.port.out;

import io.recstream.domain.BusinessId;
import java.time.Duration;
import java.util.Optional;

/** Bounds the new downloads a business may cause, across all instances (a token bucket per business). */
public interface DownloadBudget {

    /**
     * Takes one download from the business's budget.
     *
     * @return empty if taken; otherwise how long until the budget has room again
     * @throws SharedStateUnavailableException if the budget can't be reached
     */
    Optional<Duration> tryTake(BusinessId business);
}
