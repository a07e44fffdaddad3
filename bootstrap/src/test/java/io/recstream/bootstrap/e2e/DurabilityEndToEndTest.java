package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Facts that come late, in the wrong order, or from the wrong business; locks that vanish. */
class DurabilityEndToEndTest extends EndToEndTest {

    private static final String ACME = "acme";
    private static final String EVIL = "evil";

    @Autowired
    StringRedisTemplate redis;

    private static String aBusiness() {
        return "durability-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String statusPath(String callSid, String business) {
        return "/api/recordings/" + callSid + "/status?business_id=" + business;
    }

    private static void command(String callSid, String business) {
        CALLS.send("recordings.download-requests", callSid, """
                {"callSid":"%s","businessId":"%s","requestedAt":"%s","reason":"external"}"""
                .formatted(callSid, business, Instant.now()));
    }

    @Test
    void aDownloadLockLostMidDownload_stillEndsReady_withTheExactBytes_downloadedOnce() {
        Calls.TestCall call = registered(CALLS.recorded(ACME, Duration.ofHours(1), 80_000, Duration.ofMillis(1500)));
        String lockKey = "recstream:lock:" + call.callSid();

        assertThat(get(streamPath(call), tokenFor(ACME)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(redis.hasKey(lockKey)));
        redis.delete(lockKey);

        HttpResponse<byte[]> ready = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> get(streamPath(call), tokenFor(ACME)), response -> response.statusCode() == 200);
        assertThat(ready.body()).isEqualTo(call.media());
        assertThat(statusOf(call)).contains("\"status\":\"ready\"");
        assertThat(INFRA.twilio.mediaDownloads(call.recordingSid())).isEqualTo(1);
    }

    @Test
    void aYoungCallThatTwilioDoesNotListYet_isNotFailedForGood_andPlaysWithinSecondsOfTheWebhook() {
        String callSid = Calls.sid("CA");
        String recordingSid = Calls.sid("RE");
        byte[] media = Calls.audio(30_000);
        INFRA.twilio.addCallWithoutRecording(callSid);
        // Ended 30 s ago (60 s long): Twilio may still be post-processing its recording.
        CALLS.report(callSid, ACME, null, "inbound", Instant.now().minusSeconds(90));
        Calls.TestCall call = registered(new Calls.TestCall(callSid, ACME, recordingSid, media));

        assertThat(get(streamPath(call), tokenFor(ACME)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> INFRA.twilio.listings(callSid) > 0);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> get(streamPath(call), tokenFor(ACME)).statusCode(), status -> status != 404);

        INFRA.twilio.addRecording(callSid, recordingSid, Instant.now().minusSeconds(30), media);
        assertThat(TwilioWebhooks.reportCompleted(port, ACME, callSid, recordingSid).statusCode()).isEqualTo(204);

        HttpResponse<byte[]> ready = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> get(streamPath(call), tokenFor(ACME)), response -> response.statusCode() == 200);
        assertThat(ready.body()).isEqualTo(media);
    }

    @Test
    void aHostileCommandBeforeTheOwnersFact_registersTheCallOnlyUntilTheOwnerIsKnown() {
        String owner = aBusiness();
        String callSid = Calls.sid("CA");
        String recordingSid = Calls.sid("RE");
        byte[] media = Calls.audio(25_000);
        INFRA.twilio.addRecording(callSid, recordingSid, Instant.now().minusSeconds(600), media);

        command(callSid, EVIL);
        await().atMost(Duration.ofSeconds(20)).until(() -> new String(get(statusPath(callSid, EVIL), tokenFor(EVIL))
                .body(), StandardCharsets.UTF_8).contains("\"status\":\"ready\""));
        assertThat(TopicReader.awaitMatching(INFRA.kafkaBootstrapServers(), "recordings.registrations", 1,
                record -> record.key().equals(callSid)).getFirst().value()).contains("\"source\":\"command\"", EVIL);

        CALLS.report(callSid, owner, recordingSid, "inbound", Instant.now().minusSeconds(700));

        await().atMost(Duration.ofSeconds(20)).until(() -> get(statusPath(callSid, owner), tokenFor(owner)).statusCode() == 200);
        assertProblem(get("/api/recordings/" + callSid + "/stream?business_id=" + EVIL, tokenFor(EVIL)), 404,
                "call_not_found");
        HttpResponse<byte[]> played = get("/api/recordings/" + callSid + "/stream?business_id=" + owner, tokenFor(owner));
        assertThat(played.statusCode()).isEqualTo(200);
        assertThat(played.body()).isEqualTo(media);
        assertThat(INFRA.twilio.mediaDownloads(recordingSid)).isEqualTo(1);
    }

    @Test
    void aHostileCommandForAKnownCall_goesToTheDlt_withItsReason_andTouchesNothing() {
        Calls.TestCall call = registered(CALLS.recorded(ACME));
        String before = statusOf(call);

        command(call.callSid(), EVIL);

        var refused = TopicReader.awaitMatching(INFRA.kafkaBootstrapServers(), "recordings.download-requests.DLT", 1,
                record -> call.callSid().equals(record.key())).getFirst();
        assertThat(new String(refused.headers().lastHeader("kafka_exception-message").value(), StandardCharsets.UTF_8))
                .contains("does not own");
        assertThat(statusOf(call)).isEqualTo(before);
        assertThat(TopicReader.all(INFRA.kafkaBootstrapServers(), "recordings.download-events",
                record -> call.callSid().equals(record.key()))).isEmpty();
        assertThat(INFRA.twilio.mediaDownloads(call.recordingSid())).isZero();
    }

    @Test
    void aCorrectedFact_movesTheCallInTheList_insteadOfListingItTwice() {
        String business = aBusiness();
        String callSid = Calls.sid("CA");
        Instant reportedStart = Instant.now().minusSeconds(3600);
        Instant correctedStart = reportedStart.plusSeconds(45);
        CALLS.report(callSid, business, null, "inbound", reportedStart);
        String list = "/api/calls?business_id=" + business;
        await().atMost(Duration.ofSeconds(20)).until(() -> body(get(list, tokenFor(business))).contains(callSid));

        CALLS.report(callSid, business, null, "outbound", correctedStart);

        await().atMost(Duration.ofSeconds(20)).until(() -> body(get(list, tokenFor(business)))
                .contains(correctedStart.toString()));
        String all = body(get(list, tokenFor(business)));
        assertThat(all.split(callSid, -1)).as("listed once (its stream URL names it too)").hasSize(3);
        assertThat(all).doesNotContain(reportedStart.toString());
        assertThat(body(get(list + "&direction=inbound", tokenFor(business)))).doesNotContain(callSid);
        assertThat(body(get(list + "&direction=outbound", tokenFor(business)))).contains(callSid);
    }
}
