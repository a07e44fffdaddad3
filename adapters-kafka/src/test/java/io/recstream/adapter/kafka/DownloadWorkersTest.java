package io.recstream.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DownloadWorkersTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void takesWorkAsSoonAsItExists_beforeItsLifecycleStarts() {
        DownloadWorkers workers = new DownloadWorkers(2, Duration.ofSeconds(5), meters);
        CountDownLatch ran = new CountDownLatch(1);

        assertThat(workers.submit(ran::countDown)).isTrue();

        await().atMost(Duration.ofSeconds(5)).until(() -> ran.getCount() == 0);
        workers.stop();
    }

    @Test
    void runsAtMostItsCapacityAtOnce_andTheNextWaitsForAFreeSlot() {
        DownloadWorkers workers = new DownloadWorkers(2, Duration.ofSeconds(5), meters);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        Runnable held = () -> {
            running.incrementAndGet();
            awaitQuietly(release);
        };
        workers.submit(held);
        workers.submit(held);
        AtomicBoolean thirdRan = new AtomicBoolean();
        CompletableFuture<Boolean> third = CompletableFuture.supplyAsync(() -> workers.submit(() -> thirdRan.set(true)));

        await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == 2);
        assertThat(meters.get("recstream.downloads.in.flight").gauge().value()).isEqualTo(2);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> !third.isDone());

        release.countDown();
        assertThat(third.join()).isTrue();
        await().atMost(Duration.ofSeconds(5)).untilTrue(thirdRan);
        workers.stop();
    }

    @Test
    void stopping_waitsForTheWorkInHand_thenTakesNoMore() {
        DownloadWorkers workers = new DownloadWorkers(2, Duration.ofSeconds(5), meters);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        workers.submit(() -> {
            awaitQuietly(release);
            finished.set(true);
        });
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(workers::stop);
        await().atMost(Duration.ofSeconds(5)).until(() -> !workers.isRunning());
        assertThat(stopping).isNotDone();

        release.countDown();
        stopping.join();

        assertThat(finished).isTrue();
        assertThat(workers.submit(() -> { })).isFalse();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
