package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class TwilioWebhookEndToEndTest extends EndToEndTest {

    private HttpResponse<String> post(String query, Map<String, String> params, String signature) {
        return TwilioWebhooks.post(port, query, params, signature);
    }

    private int statusOf(String callSid, String business) {
        return get("/api/recordings/" + callSid + "/status?business_id=" + business, tokenFor(business)).statusCode();
    }

    /** The form of Twilio's "completed" callback for a new call whose recording Twilio has. */
    private static Map<String, String> completedCallbackOfANewCall() {
        String callSid = Calls.sid("CA");
        String recordingSid = Calls.sid("RE");
        INFRA.twilio.addRecording(callSid, recordingSid, Instant.now().minusSeconds(30), Calls.audio(1_000));
        return TwilioWebhooks.completed(callSid, recordingSid);
    }

    @Test
    void signedCompletedCallback_registersTheRecording_soItPlays() {
        String callSid = Calls.sid("CA");
        String recordingSid = Calls.sid("RE");
        byte[] media = Calls.audio(20_000);
        INFRA.twilio.addRecording(callSid, recordingSid, Instant.now().minusSeconds(30), media);
        Map<String, String> params = TwilioWebhooks.completed(callSid, recordingSid);
        String signature = TwilioWebhooks.signature("?business_id=acme", params);

        assertThat(post("?business_id=acme", params, signature).statusCode()).isEqualTo(204);
        assertThat(post("?business_id=acme", params, signature).statusCode()).as("Twilio retries").isEqualTo(204);

        assertThat(statusOf(callSid, "acme")).isEqualTo(200);
        assertThat(playUntilReady(new Calls.TestCall(callSid, "acme", recordingSid, media)).body()).isEqualTo(media);
    }

    @Test
    void aCallbackSignedOverTheUrlWithItsDefaultPort_isAccepted_asTwiliosOwnValidatorsAcceptIt() {
        Map<String, String> params = completedCallbackOfANewCall();
        String callSid = params.get("CallSid");
        // The instance's public base is https://recstream.test; Twilio may sign https://recstream.test:443.
        String signature = TwilioWebhooks.signature(TwilioWebhooks.PUBLIC_BASE + ":443", "?business_id=acme", params);

        assertThat(post("?business_id=acme", params, signature).statusCode()).isEqualTo(204);
        assertThat(statusOf(callSid, "acme")).isEqualTo(200);
    }

    /**
     * On a compacted topic only a call's latest registration survives: a refused callback recorded after the owner's
     * would hand the call to the other business at the next rebuild. So the owner's stays the latest.
     */
    @Test
    void aSignedCallbackForACallOfAnotherBusiness_isRefused_andNotRecorded() {
        Map<String, String> params = completedCallbackOfANewCall();
        String callSid = params.get("CallSid");
        assertThat(post("?business_id=acme", params, TwilioWebhooks.signature("?business_id=acme", params))
                .statusCode()).isEqualTo(204);
        assertThat(statusOf(callSid, "acme")).isEqualTo(200);

        assertThat(post("?business_id=globex", params, TwilioWebhooks.signature("?business_id=globex", params))
                .statusCode()).isEqualTo(204);

        List<ConsumerRecord<String, String>> recorded = TopicReader.all(INFRA.kafkaBootstrapServers(),
                "recordings.registrations", record -> callSid.equals(record.key()));
        assertThat(recorded).extracting(ConsumerRecord::value).singleElement().asString().contains("\"acme\"")
                .doesNotContain("globex");
        assertThat(statusOf(callSid, "globex")).as("not a call of globex").isEqualTo(404);
    }

    @Test
    void forgedCallbacks_answer403_andChangeNothing() {
        String callSid = Calls.sid("CA");
        Map<String, String> params = TwilioWebhooks.completed(callSid, Calls.sid("RE"));
        String signedForAcme = TwilioWebhooks.signature("?business_id=acme", params);

        HttpResponse<String> unsigned = post("?business_id=acme", params, null);
        HttpResponse<String> wrongSignature = post("?business_id=acme", params, "AAAA" + signedForAcme.substring(4));
        HttpResponse<String> otherBusiness = post("?business_id=globex", params, signedForAcme);

        for (HttpResponse<String> response : java.util.List.of(unsigned, wrongSignature, otherBusiness)) {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("\"code\":\"invalid_signature\"");
        }
        assertThat(statusOf(callSid, "acme")).isEqualTo(404);
        assertThat(statusOf(callSid, "globex")).isEqualTo(404);
    }
}
