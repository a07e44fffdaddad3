package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StreamEndToEndTest extends EndToEndTest {

    private static final String ACME = "acme";

    @Test
    void firstPlay_answers202_thenTheRetryGets200_withTheExactBytes() {
        Calls.TestCall call = registered(CALLS.recorded(ACME, Duration.ofHours(2), 120_000, Duration.ofMillis(300)));
        String token = tokenFor(ACME);

        HttpResponse<byte[]> first = get(streamPath(call), token);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(body(first)).isEqualTo("{\"status\":\"processing\",\"callSid\":\"" + call.callSid() + "\",\"retryAfterSeconds\":2}");
        assertThat(first.headers().firstValue("Retry-After")).contains("2");
        assertThat(first.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(first.headers().firstValue("Location"))
                .contains("/api/recordings/" + call.callSid() + "/status?business_id=" + ACME);

        HttpResponse<byte[]> ready = playUntilReady(call);

        assertThat(ready.body()).isEqualTo(call.media());
        assertThat(ready.headers().firstValue("Content-Type")).contains("audio/mpeg");
        assertThat(ready.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(ready.headers().firstValue("Content-Length")).contains(Integer.toString(call.media().length));
        assertThat(ready.headers().firstValue("Cache-Control")).contains("private");
        assertThat(ready.headers().firstValue("ETag")).isPresent();
        assertThat(ready.headers().firstValue("Last-Modified")).isPresent();
        assertThat(INFRA.twilio.mediaDownloads(call.recordingSid())).isEqualTo(1);
    }

    @Test
    void cachedRecording_servesRangesConditionalsAndHead() {
        Calls.TestCall call = registered(CALLS.recorded(ACME));
        String etag = playUntilReady(call).headers().firstValue("ETag").orElseThrow();
        String token = tokenFor(ACME);
        byte[] media = call.media();

        HttpResponse<byte[]> twoBytes = get(streamPath(call), token, "Range", "bytes=0-1");
        assertThat(twoBytes.statusCode()).isEqualTo(206);
        assertThat(twoBytes.body()).containsExactly(media[0], media[1]);
        assertThat(twoBytes.headers().firstValue("Content-Range")).contains("bytes 0-1/" + media.length);

        HttpResponse<byte[]> tail = get(streamPath(call), token, "Range", "bytes=-100");
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(media, media.length - 100, media.length));

        HttpResponse<byte[]> multi = get(streamPath(call), token, "Range", "bytes=0-9,100-109");
        assertThat(multi.statusCode()).isEqualTo(206);
        assertThat(multi.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("multipart/byteranges; boundary="));
        String multipart = new String(multi.body(), StandardCharsets.ISO_8859_1);
        assertThat(multipart).contains("Content-Range: bytes 0-9/" + media.length, "Content-Range: bytes 100-109/" + media.length)
                .contains(new String(Arrays.copyOfRange(media, 100, 110), StandardCharsets.ISO_8859_1));
        assertThat(multi.headers().firstValue("Content-Length")).contains(Integer.toString(multi.body().length));

        HttpResponse<byte[]> unsatisfiable = get(streamPath(call), token, "Range", "bytes=" + media.length + "-");
        assertProblem(unsatisfiable, 416, "range_not_satisfiable");
        assertThat(unsatisfiable.headers().firstValue("Content-Range")).contains("bytes */" + media.length);

        HttpResponse<byte[]> malformed = get(streamPath(call), token, "Range", "bytes=oops");
        assertThat(malformed.statusCode()).isEqualTo(200);
        assertThat(malformed.body()).isEqualTo(media);

        HttpResponse<byte[]> notModified = get(streamPath(call), token, "If-None-Match", etag, "Range", "bytes=0-1");
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();

        String lastModified = twoBytes.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(get(streamPath(call), token, "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);

        HttpResponse<byte[]> ifRangeCurrent = get(streamPath(call), token, "Range", "bytes=5-6", "If-Range", etag);
        assertThat(ifRangeCurrent.statusCode()).isEqualTo(206);
        HttpResponse<byte[]> ifRangeStale = get(streamPath(call), token, "Range", "bytes=5-6", "If-Range", "\"stale\"");
        assertThat(ifRangeStale.statusCode()).isEqualTo(200);
        assertThat(ifRangeStale.body()).isEqualTo(media);

        HttpResponse<byte[]> head = send("HEAD", streamPath(call), token);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).contains(Integer.toString(media.length));
        assertThat(head.body()).isEmpty();
    }

    @Test
    void accessTokenCookie_authenticatesAPlainAudioElement() {
        Calls.TestCall call = registered(CALLS.recorded(ACME));
        playUntilReady(call);

        HttpResponse<byte[]> response = get(streamPath(call), null, "Cookie", "access_token=" + tokenFor(ACME));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(call.media());
    }

    @Test
    void preferWait_holdsTheRequest_untilTheRecordingIsReady() {
        Calls.TestCall call = registered(CALLS.recorded(ACME, Duration.ofHours(1), 30_000, Duration.ofMillis(500)));

        HttpResponse<byte[]> response = get(streamPath(call), tokenFor(ACME), "Prefer", "wait=10");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(call.media());
        assertThat(response.headers().firstValue("Preference-Applied")).contains("wait=10");
    }

    @Test
    void statusEndpoint_followsTheJob_andTriggersNothing() {
        Calls.TestCall call = registered(CALLS.recorded(ACME));
        String token = tokenFor(ACME);
        String statusPath = "/api/recordings/" + call.callSid() + "/status?business_id=" + ACME;

        assertThat(body(get(statusPath, token))).isEqualTo(
                "{\"callSid\":\"" + call.callSid() + "\",\"status\":\"not_cached\",\"sizeBytes\":null,\"updatedAt\":null}");
        assertThat(INFRA.twilio.mediaDownloads(call.recordingSid())).isZero();

        playUntilReady(call);

        assertThat(body(get(statusPath, token))).contains("\"status\":\"ready\"", "\"sizeBytes\":" + call.media().length);
    }

    @Test
    void legacyDownload_waitsThroughThePipeline_andServesAnAttachment() {
        Calls.TestCall call = registered(CALLS.recorded(ACME, Duration.ofHours(1), 40_000, Duration.ofMillis(300)));

        HttpResponse<byte[]> response = get("/api/calls/" + call.callSid() + "/download?business_id=" + ACME, tokenFor(ACME));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(call.media());
        assertThat(response.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"" + call.callSid() + ".mp3\"");
    }

    @Test
    void missingOrBadTokens_answer401() {
        Calls.TestCall call = registered(CALLS.recorded(ACME));
        String path = streamPath(call);
        var otherKey = new io.recstream.devkit.AccessTokens("another-secret-that-is-long-enough-for-hs256!");

        assertProblem(get(path, null), 401, "unauthenticated");
        assertProblem(get(path, "not-a-jwt"), 401, "unauthenticated");
        assertProblem(get(path, otherKey.mint("u", java.util.List.of(ACME), Duration.ofMinutes(5))), 401, "unauthenticated");
        assertProblem(get(path, INFRA.tokens.mint("u", java.util.List.of(ACME), Instant.now().minusSeconds(120))), 401,
                "unauthenticated");
        assertProblem(get(path, INFRA.tokens.signed("{\"alg\":\"HS256\"}", "{\"sub\":\"u\",\"exp\":"
                + Instant.now().plusSeconds(300).getEpochSecond() + "}")), 401, "unauthenticated");
        assertProblem(get(path, INFRA.tokens.signed("{\"alg\":\"HS256\"}", "{\"sub\":\"u\",\"business_ids\":[\"acme\"]}")),
                401, "unauthenticated");
        assertThat(get(path, null).headers().firstValue("WWW-Authenticate")).contains("Bearer");
    }

    @Test
    void badInput_answers400_inTheContractsOrder() {
        String token = tokenFor(ACME);
        String validSid = Calls.sid("CA");

        assertProblem(get("/api/recordings/" + validSid + "/stream", token), 400, "business_id_required");
        assertProblem(get("/api/recordings/CA123/stream", token), 400, "business_id_required");
        assertProblem(get("/api/recordings/CA123/stream?business_id=acme", token), 400, "invalid_call_sid");
        assertProblem(get("/api/recordings/" + validSid + "/stream?business_id=bad%20id", token), 400, "invalid_business_id");
        assertProblem(get("/api/recordings/" + validSid + "/status?business_id=", token), 400, "business_id_required");
    }

    @Test
    void tenancy_answers403ForAForeignBusiness_and404ForAnotherTenantsCall() {
        Calls.TestCall call = registered(CALLS.recorded(ACME));

        assertProblem(get(streamPath(call), tokenFor("globex")), 403, "business_forbidden");
        HttpResponse<byte[]> otherTenant = get("/api/recordings/" + call.callSid() + "/stream?business_id=globex",
                tokenFor(ACME, "globex"));
        HttpResponse<byte[]> unknown = get("/api/recordings/" + Calls.sid("CA") + "/stream?business_id=globex",
                tokenFor(ACME, "globex"));
        assertProblem(otherTenant, 404, "call_not_found");
        assertProblem(unknown, 404, "call_not_found");
        assertThat(body(otherTenant).replace(call.callSid(), "X")).isEqualTo(
                body(unknown).replaceAll("CA[0-9a-f]{32}", "X"));
        assertThat(INFRA.twilio.mediaDownloads(call.recordingSid())).isZero();
    }

    @Test
    void recordingOlderThanRetention_answers410_andIsNeverDownloaded() {
        Calls.TestCall old = registered(CALLS.recorded(ACME, Duration.ofDays(7).plusHours(12), 1000, Duration.ZERO));

        assertProblem(get(streamPath(old), tokenFor(ACME)), 410, "recording_expired");
        assertThat(INFRA.twilio.mediaDownloads(old.recordingSid())).isZero();
    }

    @Test
    void recordingDeletedAtTwilio_answers404Unavailable_notProcessingForever() {
        Calls.TestCall call = registered(CALLS.recorded(ACME));
        INFRA.twilio.deleteRecording(call.recordingSid());
        String token = tokenFor(ACME);

        assertThat(get(streamPath(call), token).statusCode()).isEqualTo(202);
        HttpResponse<byte[]> settled = await().atMost(Duration.ofSeconds(20))
                .until(() -> get(streamPath(call), token), response -> response.statusCode() != 202);
        assertProblem(settled, 404, "recording_unavailable");
    }

    @Test
    void me_listsTheTokensBusinesses() {
        HttpResponse<byte[]> me = get("/api/me", tokenFor("globex", ACME));

        assertThat(body(me)).isEqualTo("{\"sub\":\"user-2\",\"businessIds\":[\"acme\",\"globex\"]}");
    }
}
