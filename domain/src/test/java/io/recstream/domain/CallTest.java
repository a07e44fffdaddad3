package io.recstream.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallTest {

    private static final CallSid SID = new CallSid("CA" + "a".repeat(32));
    private static final BusinessId ACME = new BusinessId("acme");
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final RetentionPolicy SEVEN_DAYS = new RetentionPolicy(Duration.ofDays(7));

    @Test
    void merge_keepsKnownFactsAndTakesNewOnes() {
        CallDetails details = new CallDetails(Direction.INBOUND, "+1", "+2", T0, 60);
        RecordingSid recording = new RecordingSid("RE" + "b".repeat(32));
        Call fromTopic = Call.identifiedBy(SID, ACME).withDetails(details);
        Call fromWebhook = Call.identifiedBy(SID, ACME).withRecording(recording, T0.plusSeconds(61));

        Call merged = fromTopic.mergedWith(fromWebhook);

        assertThat(merged.details()).isEqualTo(details);
        assertThat(merged.recordingSid()).isEqualTo(recording);
        assertThat(merged.recordingCreatedAt()).isEqualTo(T0.plusSeconds(61));
    }

    @Test
    void merge_refusesAnotherBusiness() {
        Call owned = Call.identifiedBy(SID, ACME);
        assertThatThrownBy(() -> owned.mergedWith(Call.identifiedBy(SID, new BusinessId("other"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void age_countsFromRecordingCreation_thenFromCallStart() {
        Call started = Call.identifiedBy(SID, ACME)
                .withDetails(new CallDetails(Direction.OUTBOUND, "+1", "+2", T0, 60));
        assertThat(started.ageReference()).contains(T0);
        assertThat(started.withRecording(null, T0.plusSeconds(5)).ageReference()).contains(T0.plusSeconds(5));
        assertThat(Call.identifiedBy(SID, ACME).ageReference()).isEmpty();
    }

    @Test
    void retention_expiresOnlyPastMaxAge() {
        Call call = Call.identifiedBy(SID, ACME).withRecording(null, T0);
        assertThat(SEVEN_DAYS.isExpired(call, T0.plus(Duration.ofDays(7)))).isFalse();
        assertThat(SEVEN_DAYS.isExpired(call, T0.plus(Duration.ofDays(7)).plusMillis(1))).isTrue();
        assertThat(SEVEN_DAYS.isExpired(Call.identifiedBy(SID, ACME), T0.plus(Duration.ofDays(365)))).isFalse();
    }

    @Test
    void retention_mustBePositive() {
        assertThatThrownBy(() -> new RetentionPolicy(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
