package io.recstream.domain;

import java.time.Duration;
import java.util.Optional;

/**
 * A token bucket's state: {@code tokens} left when it was last touched, at {@code atMillis}. The one rule of recstream's
 * rate limits, whoever keeps the state: {@code capacity} tokens, refilled at that many per {@code window}.
 */
public record TokenBucket(double tokens, long atMillis) {

    /** The bucket after one {@link #take}, and how long to wait for a token if none was taken ({@code waitFor}). */
    public record Taken(TokenBucket bucket, Optional<Duration> waitFor) {
    }

    /** A bucket never touched: full. */
    public static TokenBucket full(int capacity, long nowMillis) {
        return new TokenBucket(capacity, nowMillis);
    }

    /** Refills for the time since it was last touched (never backwards), then takes a token if there is one. */
    public Taken take(long nowMillis, int capacity, Duration window) {
        double perMilli = (double) capacity / window.toMillis();
        long now = Math.max(nowMillis, atMillis);
        double refilled = Math.min(capacity, tokens + (now - atMillis) * perMilli);
        if (refilled >= 1) {
            return new Taken(new TokenBucket(refilled - 1, now), Optional.empty());
        }
        return new Taken(new TokenBucket(refilled, now),
                Optional.of(Duration.ofMillis((long) Math.ceil((1 - refilled) / perMilli))));
    }
}
