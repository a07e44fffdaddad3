package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.devkit.TwilioSimulator;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TwilioWebhookEndToEndTest extends EndToEndTest {

    private static final String PATH = "/webhooks/twilio/recording-status";

    /** What Twilio sends for a completed recording of a call it knows nothing about yet. */
    private static Map<String, String> completed(String callSid, String recordingSid) {
        return Map.of("AccountSid", TwilioSimulator.ACCOUNT_SID, "CallSid", callSid, "RecordingSid", recordingSid,
                "RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/" + TwilioSimulator.ACCOUNT_SID
                        + "/Recordings/" + recordingSid,
                "RecordingStatus", "completed", "RecordingDuration", "15", "RecordingChannels", "1",
                "RecordingSource", "RecordVerb", "RecordingStartTime", "Mon, 23 Nov 2026 10:00:00 +0000");
    }

    /** Signs as Twilio does: HMAC-SHA1 over the public URL and the sorted parameters. */
    private static String twilioSignature(String publicUrl, Map<String, String> params) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TwilioSimulator.AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signed = publicUrl + new TreeMap<>(params).entrySet().stream()
                .map(entry -> entry.getKey() + entry.getValue()).collect(Collectors.joining());
        return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> post(String query, Map<String, String> params, String signature) throws Exception {
        String form = params.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + PATH + query))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int statusOf(String callSid, String business) {
        return get("/api/recordings/" + callSid + "/status?business_id=" + business, tokenFor(business)).statusCode();
    }

    @Test
    void signedCompletedCallback_registersTheRecording_soItPlays() throws Exception {
        String callSid = Calls.sid("CA");
        String recordingSid = Calls.sid("RE");
        byte[] media = Calls.audio(20_000);
        INFRA.twilio.addRecording(callSid, recordingSid, Instant.now().minusSeconds(30), media);
        Map<String, String> params = completed(callSid, recordingSid);
        String signature = twilioSignature("https://recstream.test" + PATH + "?business_id=acme", params);

        assertThat(post("?business_id=acme", params, signature).statusCode()).isEqualTo(204);
        assertThat(post("?business_id=acme", params, signature).statusCode()).as("Twilio retries").isEqualTo(204);

        assertThat(statusOf(callSid, "acme")).isEqualTo(200);
        assertThat(playUntilReady(new Calls.TestCall(callSid, "acme", recordingSid, media)).body()).isEqualTo(media);
    }

    @Test
    void forgedCallbacks_answer403_andChangeNothing() throws Exception {
        String callSid = Calls.sid("CA");
        Map<String, String> params = completed(callSid, Calls.sid("RE"));
        String signedForAcme = twilioSignature("https://recstream.test" + PATH + "?business_id=acme", params);

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
