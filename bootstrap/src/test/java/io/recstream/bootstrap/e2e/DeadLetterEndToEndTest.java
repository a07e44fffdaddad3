package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterEndToEndTest extends EndToEndTest {

    private static final String DEAD_LETTERS = "recstream_dead_letters_total";

    @Test
    void malformedCommands_landOnTheDlt_withTheReason_andTheNextCommandIsProcessed() {
        Calls.TestCall call = registered(CALLS.recorded("acme"));
        double deadCommands = now(DEAD_LETTERS, "topic=\"recordings.download-requests.DLT\"");
        String notJson = "not json " + UUID.randomUUID();
        String badSid = "{\"callSid\":\"CA-nope-" + UUID.randomUUID() + "\",\"businessId\":\"acme\","
                + "\"requestedAt\":\"" + Instant.now() + "\",\"reason\":\"external\"}";

        CALLS.send("recordings.download-requests", "k1", notJson);
        CALLS.send("recordings.download-requests", "k2", badSid);
        CALLS.send("recordings.download-requests", call.callSid(), """
                {"callSid":"%s","businessId":"acme","requestedAt":"%s","reason":"external"}"""
                .formatted(call.callSid(), Instant.now()));

        await().atMost(Duration.ofSeconds(20)).until(() -> statusOf(call).contains("\"status\":\"ready\""));
        assertThat(INFRA.twilio.mediaDownloads(call.recordingSid())).isEqualTo(1);

        List<ConsumerRecord<String, String>> dead = deadLetters(notJson, badSid);
        assertThat(dead).extracting(ConsumerRecord::value).contains(notJson, badSid);
        for (ConsumerRecord<String, String> record : dead) {
            assertThat(new String(record.headers().lastHeader("kafka_exception-message").value(), StandardCharsets.UTF_8))
                    .contains("unreadable download command");
            assertThat(new String(record.headers().lastHeader("kafka_original-topic").value(), StandardCharsets.UTF_8))
                    .isEqualTo("recordings.download-requests");
        }
        await().atMost(Duration.ofSeconds(20)).until(() ->
                now(DEAD_LETTERS, "topic=\"recordings.download-requests.DLT\"") == deadCommands + 2);
    }

    @Test
    void aMalformedCallFact_landsOnItsDlt_andIsCounted_forAnOperatorToLookAt() {
        double deadFacts = now(DEAD_LETTERS, "topic=\"recordings.calls.DLT\"");
        String notJson = "not a call fact " + UUID.randomUUID();

        CALLS.send("recordings.calls", "k-" + UUID.randomUUID(), notJson);

        assertThat(TopicReader.awaitMatching(INFRA.kafkaBootstrapServers(), "recordings.calls.DLT", 1,
                record -> record.value().equals(notJson))).hasSize(1);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                now(DEAD_LETTERS, "topic=\"recordings.calls.DLT\"") == deadFacts + 1);
    }

    private List<ConsumerRecord<String, String>> deadLetters(String... expected) {
        return TopicReader.awaitMatching(INFRA.kafkaBootstrapServers(), "recordings.download-requests.DLT", expected.length,
                record -> List.of(expected).contains(record.value()));
    }
}
