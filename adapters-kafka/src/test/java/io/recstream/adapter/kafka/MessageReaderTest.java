package io.recstream.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.application.port.in.CallRegistration;
import io.recstream.domain.BusinessId;
import io.recstream.domain.CallSid;
import io.recstream.domain.Direction;
import io.recstream.domain.DownloadOutcome;
import io.recstream.domain.DownloadReason;
import io.recstream.domain.DownloadRequest;
import io.recstream.domain.FailureCause;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class MessageReaderTest {

    private static final String CALL = "CA" + "1".repeat(32);
    private static final String RECORDING = "RE" + "2".repeat(32);

    private final MessageReader reader = new MessageReader(JsonMapper.builder().build());

    @Test
    void downloadCommand_roundTrips() {
        DownloadRequest request = new DownloadRequest(new CallSid(CALL), new BusinessId("acme"), null,
                Instant.parse("2026-11-24T10:00:00Z"), DownloadReason.PLAYBACK);

        String json = reader.write(request);

        assertThat(json).contains("\"callSid\":\"" + CALL + "\"", "\"businessId\":\"acme\"", "\"reason\":\"playback\"")
                .doesNotContain("recordingSid");
        assertThat(reader.downloadRequest(json)).isEqualTo(request);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json at all",
            "{\"businessId\":\"acme\",\"requestedAt\":\"2026-11-24T10:00:00Z\",\"reason\":\"playback\"}",
            "{\"callSid\":\"CA123\",\"businessId\":\"acme\",\"requestedAt\":\"2026-11-24T10:00:00Z\",\"reason\":\"playback\"}",
            "{\"callSid\":\"CA11111111111111111111111111111111\",\"businessId\":\"a b\",\"requestedAt\":\"2026-11-24T10:00:00Z\",\"reason\":\"playback\"}",
            "{\"callSid\":\"CA11111111111111111111111111111111\",\"businessId\":\"acme\",\"requestedAt\":\"yesterday\",\"reason\":\"playback\"}",
            "{\"callSid\":\"CA11111111111111111111111111111111\",\"businessId\":\"acme\",\"requestedAt\":\"2026-11-24T10:00:00Z\",\"reason\":\"whim\"}",
            "{\"callSid\":\"CA11111111111111111111111111111111\",\"businessId\":\"acme\",\"reason\":\"playback\"}",
            "[]"})
    void badCommands_areRejectedAsInvalidMessages(String value) {
        assertThatThrownBy(() -> reader.downloadRequest(value)).isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void callFact_withRecording_registersACompletedRecording() {
        CallRegistration registration = reader.callFact("""
                {"callSid":"%s","businessId":"acme","recordingSid":"%s","direction":"outbound","from":"+1","to":"+2",\
                "startedAt":"2026-11-24T09:00:00Z","durationSeconds":42,"extra":"ignored"}""".formatted(CALL, RECORDING));

        assertThat(registration.recordingComplete()).isTrue();
        assertThat(registration.facts().details().direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(registration.facts().details().durationSeconds()).isEqualTo(42);
        assertThat(registration.facts().recordingSid().value()).isEqualTo(RECORDING);
    }

    @Test
    void callFact_withoutDuration_isInvalid() {
        assertThatThrownBy(() -> reader.callFact("""
                {"callSid":"%s","businessId":"acme","direction":"inbound","from":"+1","to":"+2",\
                "startedAt":"2026-11-24T09:00:00Z"}""".formatted(CALL))).isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void outcomes_areWrittenInTheContractsShape() {
        Instant at = Instant.parse("2026-11-24T10:00:00Z");
        String ready = reader.write(DownloadEventMessage.of(
                new DownloadOutcome.Ready(new CallSid(CALL), new BusinessId("acme"), 99, at)));
        String failed = reader.write(DownloadEventMessage.of(new DownloadOutcome.Failed(new CallSid(CALL),
                new BusinessId("acme"), FailureCause.RECORDING_NOT_FOUND, "gone", at)));

        assertThat(ready).isEqualTo("{\"type\":\"READY\",\"callSid\":\"" + CALL
                + "\",\"businessId\":\"acme\",\"sizeBytes\":99,\"occurredAt\":\"2026-11-24T10:00:00Z\"}");
        assertThat(failed).contains("\"type\":\"FAILED\"", "\"error\":\"recording_not_found\"").doesNotContain("sizeBytes");
    }
}
