package io.recstream.bootstrap.e2e;

import io.recstream.devkit.TwilioSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Twilio's RecordingStatusCallback as Twilio sends it: the form, signed for the public URL the tests configure. */
final class TwilioWebhooks {

    static final String PATH = "/webhooks/twilio/recording-status";
    static final String PUBLIC_BASE = "https://recstream.test";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TwilioWebhooks() {
    }

    /** What Twilio sends for a recording that completed a moment ago (it started 15 s before that). */
    static Map<String, String> completed(String callSid, String recordingSid) {
        return Map.of("AccountSid", TwilioSimulator.ACCOUNT_SID, "CallSid", callSid, "RecordingSid", recordingSid,
                "RecordingUrl", TwilioSimulator.recordingUrl(recordingSid),
                "RecordingStatus", "completed", "RecordingDuration", "15", "RecordingChannels", "1",
                "RecordingSource", "RecordVerb",
                "RecordingStartTime", TwilioSimulator.twilioDate(Instant.now().minusSeconds(20)));
    }

    /** Signs as Twilio does: HMAC-SHA1 over the public URL and the sorted parameters. */
    static String signature(String query, Map<String, String> params) {
        return signature(PUBLIC_BASE, query, params);
    }

    /** Signs over {@code base} (scheme://host[:port]) + path + query, as Twilio does for the URL it called. */
    static String signature(String base, String query, Map<String, String> params) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(TwilioSimulator.AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String signed = base + PATH + query + new TreeMap<>(params).entrySet().stream()
                    .map(entry -> entry.getKey() + entry.getValue()).collect(Collectors.joining());
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts the form to an instance on {@code port}, with {@code signature} (none if null). */
    static HttpResponse<String> post(int port, String query, Map<String, String> params, String signature) {
        String form = params.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + PATH + query))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A completed recording of {@code business}'s call, reported and signed as Twilio would. */
    static HttpResponse<String> reportCompleted(int port, String business, String callSid, String recordingSid) {
        Map<String, String> params = completed(callSid, recordingSid);
        String query = "?business_id=" + business;
        return post(port, query, params, signature(query, params));
    }
}
