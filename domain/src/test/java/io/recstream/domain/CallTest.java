package io.recstream.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class CallTest {

    private static final CallSid SID = new CallSid("CA" + "a".repeat(32));
    private static final BusinessId ACME = new BusinessId("acme");
    private static final BusinessId OTHER = new BusinessId("other");
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final RetentionPolicy SEVEN_DAYS = new RetentionPolicy(Duration.ofDays(7));

    @Test
    void merge_keepsKnownFactsAndTakesNewOnes() {
        CallDetails details = new CallDetails(Direction.INBOUND, "+1", "+2", T0, 60);
        RecordingSid recording = new RecordingSid("RE" + "b".repeat(32));
        Call fromTopic = Call.identifiedBy(SID, ACME).withDetails(details);
        Call fromWebhook = Call.identifiedBy(SID, ACME).withRecording(recording, T0.plusSeconds(61));

        Call merged = fromTopic.absorb(fromWebhook);

        assertThat(merged.details()).isEqualTo(details);
        assertThat(merged.recordingSid()).isEqualTo(recording);
        assertThat(merged.recordingCreatedAt()).isEqualTo(T0.plusSeconds(61));
    }

    @Test
    void aCorrectedFact_replacesTheKnownDetails() {
        Call reported = Call.identifiedBy(SID, ACME).withDetails(new CallDetails(Direction.INBOUND, "+1", "+2", T0, 60));
        CallDetails corrected = new CallDetails(Direction.OUTBOUND, "+1", "+2", T0.minusSeconds(30), 90);

        assertThat(reported.absorb(Call.identifiedBy(SID, ACME).withDetails(corrected)).details()).isEqualTo(corrected);
    }

    @Test
    void anAuthoritativeOwner_keepsTheCall_againstAnyOtherBusiness() {
        Call owned = Call.identifiedBy(SID, ACME);

        assertThat(owned.absorb(Call.identifiedBy(SID, OTHER))).isEqualTo(owned);
        assertThat(owned.absorb(Call.provisionallyOwnedBy(SID, OTHER))).isEqualTo(owned);
    }

    @Test
    void aProvisionalOwner_givesWayToAnAuthoritativeFact_keepingWhatIsKnownOfTheRecording() {
        RecordingSid recording = new RecordingSid("RE" + "b".repeat(32));
        Call assumed = Call.provisionallyOwnedBy(SID, OTHER).withRecording(recording, T0);
        CallDetails details = new CallDetails(Direction.INBOUND, "+1", "+2", T0.minusSeconds(60), 60);

        Call owned = assumed.absorb(Call.identifiedBy(SID, ACME).withDetails(details));

        assertThat(owned).isEqualTo(new Call(SID, ACME, Ownership.AUTHORITATIVE, details, recording, T0));
        assertThat(assumed.absorb(Call.provisionallyOwnedBy(SID, ACME))).as("first provisional stays").isEqualTo(assumed);
    }

    @Test
    void theOwnersAuthoritativeFact_confirmsAProvisionalOwnership() {
        assertThat(Call.provisionallyOwnedBy(SID, ACME).absorb(Call.identifiedBy(SID, ACME)).isProvisional()).isFalse();
        assertThat(Call.identifiedBy(SID, ACME).absorb(Call.provisionallyOwnedBy(SID, ACME)).isProvisional()).isFalse();
    }

    @Test
    void aCallIsYoung_untilTheGraceAfterItsEndHasPassed() {
        Call call = Call.identifiedBy(SID, ACME).withDetails(new CallDetails(Direction.INBOUND, "+1", "+2", T0, 60));
        Duration grace = Duration.ofMinutes(10);

        assertThat(call.endedWithin(grace, T0.plusSeconds(60 + 599))).isTrue();
        assertThat(call.endedWithin(grace, T0.plusSeconds(60 + 600))).isFalse();
        assertThat(Call.identifiedBy(SID, ACME).endedWithin(grace, T0)).as("end unknown").isFalse();
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
