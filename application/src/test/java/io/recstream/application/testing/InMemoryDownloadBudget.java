package io.recstream.application.testing;

import io.recstream.application.port.out.DownloadBudget;
import io.recstream.domain.BusinessId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A token bucket per business in memory: {@code capacity} downloads, refilled at that many per {@code window}. */
public final class InMemoryDownloadBudget implements DownloadBudget {

    private record Bucket(double tokens, Instant at) {
    }

    private final int capacity;
    private final Duration window;
    private final Clock clock;
    private final Map<BusinessId, Bucket> buckets = new HashMap<>();

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
        Instant now = clock.instant();
        double perMilli = (double) capacity / window.toMillis();
        Bucket bucket = buckets.getOrDefault(business, new Bucket(capacity, now));
        double tokens = Math.min(capacity, bucket.tokens() + Duration.between(bucket.at(), now).toMillis() * perMilli);
        if (tokens >= 1) {
            buckets.put(business, new Bucket(tokens - 1, now));
            return Optional.empty();
        }
        buckets.put(business, new Bucket(tokens, now));
        return Optional.of(Duration.ofMillis((long) Math.ceil((1 - tokens) / perMilli)));
    }
}
