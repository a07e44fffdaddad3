package io.recstream.application.testing;

import io.recstream.application.port.out.DownloadBudget;
import io.recstream.domain.BusinessId;
import io.recstream.domain.TokenBucket;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A token bucket per business in memory, by the domain's rule: {@code capacity} downloads per {@code window}. */
public final class InMemoryDownloadBudget implements DownloadBudget {

    private final int capacity;
    private final Duration window;
    private final Clock clock;
    private final Map<BusinessId, TokenBucket> buckets = new HashMap<>();

    public InMemoryDownloadBudget(int capacity, Duration window, Clock clock) {
        this.capacity = capacity;
        this.window = window;
        this.clock = clock;
    }

    /** As good as unbounded, for tests about other things. */
    public static InMemoryDownloadBudget unbounded(Clock clock) {
        return new InMemoryDownloadBudget(Integer.MAX_VALUE, Duration.ofSeconds(1), clock);
    }

    @Override
    public synchronized Optional<Duration> tryTake(BusinessId business) {
        long now = clock.millis();
        TokenBucket.Taken taken = buckets.getOrDefault(business, TokenBucket.full(capacity, now))
                .take(now, capacity, window);
        buckets.put(business, taken.bucket());
        return taken.waitFor();
    }
}
