package io.recstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;

/** The waveform executor's gauge: recordings whose waveform waits while another is computed. */
class WaveformsWaitingMeterTest {

    private final RecstreamConfiguration configuration = new RecstreamConfiguration();

    @Test
    void theGauge_countsTheWaveformsWaitingForTheExecutor() throws InterruptedException {
        ThreadPoolExecutor executor = configuration.waveformComputations();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        configuration.waveformsWaiting(executor).bindTo(meters);
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        try {
            executor.execute(() -> {
                computing.countDown();
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            computing.await();
            executor.execute(() -> { });
            executor.execute(() -> { });

            assertThat(meters.get("recstream.waveforms.waiting").gauge().value()).isEqualTo(2);
            done.countDown();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> meters.get("recstream.waveforms.waiting").gauge().value() == 0);
        } finally {
            executor.shutdownNow();
        }
    }
}
