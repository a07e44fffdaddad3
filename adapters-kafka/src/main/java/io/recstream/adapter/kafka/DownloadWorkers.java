package io.recstream.adapter.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/**
 * Downloads in hand, each on a virtual thread, at most {@code slots} at once per instance: the listener waits for a
 * free slot, so a busy instance stops fetching commands (they wait in Kafka, as lag) instead of piling them up.
 * <p>
 * It stops before the listener containers: it takes no more work, waits up to {@code shutdownGrace} for the downloads
 * in hand, whose acknowledgements the containers then commit as they stop; a download still running after that is
 * interrupted and its command, left uncommitted, goes to the next owner of its partition.
 */
final class DownloadWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DownloadWorkers.class);

    private final Semaphore slots;
    private final int capacity;
    private final Duration shutdownGrace;
    private volatile ExecutorService threads;
    private volatile boolean running;

    /** Takes work at once: the listener containers start in an earlier phase and may deliver before {@link #start}. */
    DownloadWorkers(int capacity, Duration shutdownGrace, MeterRegistry meters) {
        this.capacity = capacity;
        this.slots = new Semaphore(capacity);
        this.shutdownGrace = shutdownGrace;
        meters.gauge("recstream.downloads.in.flight", slots, free -> capacity - free.availablePermits());
        start();
    }

    /**
     * Runs {@code work} on a virtual thread once a slot is free. False, without running it, when the instance is
     * stopping: the command then stays uncommitted.
     */
    boolean submit(Runnable work) {
        try {
            while (!slots.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                if (!running) {
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (!running) {
            slots.release();
            return false;
        }
        threads.execute(() -> {
            try {
                work.run();
            } finally {
                slots.release();
            }
        });
        return true;
    }

    @Override
    public synchronized void start() {
        if (!running) {
            threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("download-", 0).factory());
            running = true;
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        try {
            if (slots.tryAcquire(capacity, shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                slots.release(capacity);
            } else {
                log.warn("downloads still running after {}: interrupted, their commands go to the next owner", shutdownGrace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the listener containers, so that they commit what finished here while they stop. */
    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE + 1;
    }
}
