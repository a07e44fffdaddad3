package io.recstream.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What every {@link ProviderAvailability} promises: a failing provider is out for a while it says, then tried again. */
public abstract class ProviderAvailabilityContract {

    protected abstract ProviderAvailability availability();

    /** Makes the provider fail until it is taken out (for Twilio: outages that open its circuit). */
    protected abstract void failUntilUnavailable();

    /** The longest it may be out before it is tried again (the circuit's open duration). */
    protected abstract Duration longestWait();

    /** Lets {@code time} pass: the test clock of a fake moves; a real provider's clock moves by itself. */
    protected abstract void passTime(Duration time);

    @Test
    void aProviderThatAnswers_isAvailable() {
        assertThat(availability().unavailableFor()).isEmpty();
    }

    @Test
    void aFailingProvider_saysForHowLongItIsOut_andIsTriedAgainOnceThatHasPassed() {
        failUntilUnavailable();

        assertThat(availability().unavailableFor()).hasValueSatisfying(left ->
                assertThat(left).isPositive().isLessThanOrEqualTo(longestWait()));
        Duration step = Duration.ofMillis(100);
        await().atMost(longestWait().plusSeconds(2)).pollInterval(step).until(() -> {
            passTime(step);
            return availability().unavailableFor().isEmpty();
        });
    }
}
