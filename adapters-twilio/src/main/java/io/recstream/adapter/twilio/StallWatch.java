package io.recstream.adapter.twilio;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.concurrent.Cancellable;

/**
 * Cancels a media request whose body sends no byte for the stall timeout. HttpClient applies its response timeout
 * to every read of the exchange, the body's included, so the socket timeout can only be the read timeout (the wait
 * for the answer); the gaps within the body are watched here. One check per quarter of the timeout: cheap for a
 * download that reads every few milliseconds, precise to a quarter.
 */
final class StallWatch implements AutoCloseable {

    private static final ScheduledExecutorService CHECKS = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("twilio-stall-watch").factory());

    private final long stallNanos;
    private final Cancellable request;
    private final ScheduledFuture<?> check;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean fired;

    private StallWatch(Duration stallTimeout, Cancellable request) {
        this.stallNanos = stallTimeout.toNanos();
        this.request = request;
        long period = Math.max(1, stallNanos / 4);
        this.check = CHECKS.scheduleAtFixedRate(this::cancelIfStalled, period, period, TimeUnit.NANOSECONDS);
    }

    /** Starts watching {@code request}'s body: call once its answer's headers arrived. */
    static StallWatch start(Duration stallTimeout, Cancellable request) {
        return new StallWatch(stallTimeout, request);
    }

    /** Bytes arrived: the body is advancing. */
    void advanced() {
        lastProgress = System.nanoTime();
    }

    /** Whether the request was cancelled for stalling (its read then failed). */
    boolean fired() {
        return fired;
    }

    private void cancelIfStalled() {
        if (System.nanoTime() - lastProgress >= stallNanos) {
            fired = true;
            check.cancel(false);
            request.cancel();
        }
    }

    @Override
    public void close() {
        check.cancel(false);
    }
}
