package io.recstream.adapter.twilio;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.recstream.application.port.out.ProviderException;
import io.recstream.domain.FailureCause;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The resilience around every Twilio call: retries with exponential backoff and jitter (honouring Retry-After), a
 * circuit breaker that opens on outages (not on 404s), and a bulkhead bounding concurrent media downloads. Each
 * attempt is recorded by the breaker; a download holds a bulkhead slot only while it runs, not while it backs off.
 */
final class TwilioGuard {

    static final String NAME = "twilio";

    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final BulkheadRegistry bulkheads;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final Bulkhead downloads;
    private final Duration openDuration;
    private final Clock clock;
    private volatile Instant openedAt;

    TwilioGuard(TwilioSettings.Resilience settings, Clock clock) {
        this.clock = clock;
        this.openDuration = settings.circuitBreaker().openDuration();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.circuitBreaker().failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.circuitBreaker().slidingWindowSize())
                .minimumNumberOfCalls(settings.circuitBreaker().minimumCalls())
                .waitDurationInOpenState(settings.circuitBreaker().openDuration())
                .permittedNumberOfCallsInHalfOpenState(2)
                .recordException(e -> e instanceof TwilioFailure failure && failure.outage())
                .build());
        this.retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(settings.retry().maxAttempts())
                .retryOnException(e -> e instanceof TwilioFailure failure && failure.retryHere())
                .intervalBiFunction((attempt, outcome) -> pauseBefore(attempt, settings.retry(),
                        outcome.isLeft() ? outcome.getLeft() : null))
                .build());
        this.bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(settings.bulkhead().maxConcurrentDownloads())
                .maxWaitDuration(settings.bulkhead().downloadPermitWait())
                .build());
        this.breaker = breakers.circuitBreaker(NAME);
        this.retry = retries.retry(NAME);
        this.downloads = bulkheads.bulkhead(NAME);
        breaker.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                openedAt = clock.instant();
            }
        });
    }

    /** A metadata call: retried, and guarded by the breaker. */
    <T> T call(Supplier<T> request) {
        return translated(Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, request)));
    }

    /** A media download: retried, bounded by the bulkhead, and guarded by the breaker. */
    void download(Runnable download) {
        translated(Retry.decorateSupplier(retry, Bulkhead.decorateSupplier(downloads,
                CircuitBreaker.decorateSupplier(breaker, () -> {
                    download.run();
                    return null;
                }))));
    }

    /** How long until Twilio may be called again, while the circuit is open. */
    Optional<Duration> unavailableFor() {
        Instant opened = openedAt;
        if (breaker.getState() != CircuitBreaker.State.OPEN || opened == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), opened.plus(openDuration));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    CircuitBreakerRegistry breakers() {
        return breakers;
    }

    RetryRegistry retries() {
        return retries;
    }

    BulkheadRegistry bulkheads() {
        return bulkheads;
    }

    private static <T> T translated(Supplier<T> guarded) {
        try {
            return guarded.get();
        } catch (TwilioFailure e) {
            throw new ProviderException(e.failureCause(), e.getMessage(), e);
        } catch (CallNotPermittedException e) {
            throw new ProviderException(FailureCause.PROVIDER_ERROR, "Twilio's circuit is open: not calling it", e);
        } catch (BulkheadFullException e) {
            throw new ProviderException(FailureCause.PROVIDER_ERROR, "no free download slot on this instance", e);
        }
    }

    /** Exponential backoff with full jitter in [50%, 150%], but never shorter than Twilio's Retry-After. */
    private static long pauseBefore(int attempt, TwilioSettings.Retry settings, Throwable failure) {
        double exponential = settings.initialBackoff().toMillis() * Math.pow(2, Math.max(0, attempt - 1));
        long backoff = (long) (Math.min(exponential, settings.maxBackoff().toMillis())
                * ThreadLocalRandom.current().nextDouble(0.5, 1.5));
        if (failure instanceof TwilioFailure twilio && twilio.retryAfter() != null) {
            return Math.max(backoff, twilio.retryAfter().toMillis());
        }
        return backoff;
    }
}
