package io.recstream.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.domain.BusinessId;
import io.recstream.domain.Call;
import io.recstream.domain.CallSid;
import io.recstream.domain.Direction;
import io.recstream.domain.DownloadOutcome;
import io.recstream.domain.DownloadReason;
import io.recstream.domain.DownloadRequest;
import io.recstream.domain.FailureCause;
import io.recstream.domain.RecordingSid;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class MessageReaderTest {

    private static final String CALL = "CA" + "1".repeat(32);
    private static final String RECORDING = "RE" + "2".repeat(32);

    /** Whole seconds, so that the instant's text is the one the messages carry, whatever day the tests run. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final MessageReader reader = new MessageReader(JsonMapper.builder().build());

    @Test
    void downloadCommand_roundTrips() {
        DownloadRequest request = new DownloadRequest(new CallSid(CALL), new BusinessId("acme"), null,
                NOW, DownloadReason.PLAYBACK);

        String json = reader.write(request);

        assertThat(json).contains("\"callSid\":\"" + CALL + "\"", "\"businessId\":\"acme\"", "\"reason\":\"playback\"")
                .doesNotContain("recordingSid");
        assertThat(reader.downloadRequest(json)).isEqualTo(request);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json at all",
            "{\"businessId\":\"acme\",\"requestedAt\":\"{now}\",\"reason\":\"playback\"}",
            "{\"callSid\":\"CA123\",\"businessId\":\"acme\",\"requestedAt\":\"{now}\",\"reason\":\"playback\"}",
            "{\"callSid\":\"CA11111111111111111111111111111111\",\"businessId\":\"a b\",\"requestedAt\":\"{now}\",\"reason\":\"playback\"}",
            "{\"callSid\":\"CA11111111111111111111111111111111\",\"businessId\":\"acme\",\"requestedAt\":\"yesterday\",\"reason\":\"playback\"}",
            "{\"callSid\":\"CA11111111111111111111111111111111\",\"businessId\":\"acme\",\"requestedAt\":\"{now}\",\"reason\":\"whim\"}",
            "{\"callSid\":\"CA11111111111111111111111111111111\",\"businessId\":\"acme\",\"reason\":\"playback\"}",
            "[]", "null", ""})
    void badCommands_areRejectedAsInvalidMessages(String value) {
        String command = value.replace("{now}", NOW.toString());
        assertThatThrownBy(() -> reader.downloadRequest(command)).isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void callFact_isAnAuthoritativeCall_withItsDetailsAndRecording() {
        Call fact = reader.callFact("""
                {"callSid":"%s","businessId":"acme","recordingSid":"%s","direction":"outbound","from":"+1","to":"+2",\
                "startedAt":"%s","durationSeconds":42,"extra":"ignored"}""".formatted(CALL, RECORDING, NOW.minusSeconds(60)));

        assertThat(fact.isProvisional()).isFalse();
        assertThat(fact.details().direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(fact.details().durationSeconds()).isEqualTo(42);
        assertThat(fact.recordingSid().value()).isEqualTo(RECORDING);
    }

    @Test
    void registrations_roundTrip_inTheContractsShape_withTheirOwnership() {
        Call fromWebhook = Call.identifiedBy(new CallSid(CALL), new BusinessId("acme"))
                .withRecording(new RecordingSid(RECORDING), NOW);
        Call fromCommand = Call.provisionallyOwnedBy(new CallSid(CALL), new BusinessId("acme"));

        String webhook = reader.writeRegistration(fromWebhook);
        String command = reader.writeRegistration(fromCommand);

        assertThat(webhook).isEqualTo("{\"callSid\":\"" + CALL + "\",\"businessId\":\"acme\",\"recordingSid\":\""
                + RECORDING + "\",\"recordingCreatedAt\":\"" + NOW + "\",\"source\":\"webhook\"}");
        assertThat(command).isEqualTo("{\"callSid\":\"" + CALL + "\",\"businessId\":\"acme\",\"source\":\"command\"}");
        assertThat(reader.registration(webhook)).isEqualTo(fromWebhook);
        assertThat(reader.registration(command)).isEqualTo(fromCommand);
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "not json", "{\"callSid\":\"CA1\",\"businessId\":\"acme\",\"source\":\"webhook\"}",
            "{\"callSid\":\"CA11111111111111111111111111111111\",\"businessId\":\"acme\",\"source\":\"rumour\"}",
            "{\"callSid\":\"CA11111111111111111111111111111111\",\"businessId\":\"acme\"}"})
    void badRegistrations_areRejectedAsInvalidMessages(String value) {
        assertThatThrownBy(() -> reader.registration(value)).isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void aJsonNullCallFact_isInvalid() {
        assertThatThrownBy(() -> reader.callFact("null")).isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void callFact_withoutDuration_isInvalid() {
        assertThatThrownBy(() -> reader.callFact("""
                {"callSid":"%s","businessId":"acme","direction":"inbound","from":"+1","to":"+2",\
                "startedAt":"%s"}""".formatted(CALL, NOW))).isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void outcomes_areWrittenInTheContractsShape() {
        Instant at = NOW;
        String ready = reader.write(DownloadEventMessage.of(
                new DownloadOutcome.Ready(new CallSid(CALL), new BusinessId("acme"), 99, at)));
        String failed = reader.write(DownloadEventMessage.of(new DownloadOutcome.Failed(new CallSid(CALL),
                new BusinessId("acme"), FailureCause.RECORDING_NOT_FOUND, "gone", at)));

        assertThat(ready).isEqualTo("{\"type\":\"READY\",\"callSid\":\"" + CALL
                + "\",\"businessId\":\"acme\",\"sizeBytes\":99,\"occurredAt\":\"" + at + "\"}");
        assertThat(failed).contains("\"type\":\"FAILED\"", "\"error\":\"recording_not_found\"").doesNotContain("sizeBytes");
    }
}
