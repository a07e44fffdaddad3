package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.recstream.devkit.Samples;
import io.micrometer.core.instrument.Timer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Plain plays, and kept waveforms, take the fast path (ahead of the observation, security and MVC chains): it must
 * answer exactly as the full path does, and refuse exactly what the full path refuses.
 */
class FastPathEndToEndTest extends EndToEndTest {

    private static final String ACME = "acme";
    /** Headers that differ between any two answers, or that only a Prefer request gets. */
    private static final Set<String> PER_ANSWER = Set.of("date", "preference-applied", "keep-alive", "connection");
    private static final String STREAM_URI = "/api/recordings/{callSid}/stream";
    private static final String PEAKS_URI = "/api/recordings/{callSid}/peaks";

    @Autowired
    MeterRegistry meters;

    @Test
    void aCachedPlay_isAnsweredOnTheFastPath_exactlyAsTheFullPathAnswersIt() {
        Calls.TestCall call = registered(CALLS.recorded(ACME));
        playUntilReady(call);
        String token = tokenFor(ACME);

        double before = requests(STREAM_URI, 206);
        HttpResponse<byte[]> fast = get(streamPath(call), token, "Range", "bytes=10-99");
        // Prefer is left to the full path.
        HttpResponse<byte[]> full = get(streamPath(call), token, "Range", "bytes=10-99", "Prefer", "wait=0");

        awaitOnTheFullPath(STREAM_URI, 206, before, 1);
        assertThat(fast.statusCode()).isEqualTo(full.statusCode()).isEqualTo(206);
        assertThat(fast.body()).isEqualTo(full.body()).hasSize(90);
        assertThat(headers(fast)).isEqualTo(headers(full)).containsKeys("x-content-type-options", "x-frame-options",
                "content-security-policy", "referrer-policy", "etag", "content-range", "cache-control")
                .doesNotContainKey("strict-transport-security");
    }

    /** A first play's 202 comes from the fast path too, the download requested, with the full path's headers. */
    @Test
    void aFirstPlay_isAnsweredOnTheFastPath_exactlyAsTheFullPathAnswersIt_andTimed() {
        Calls.TestCall first = registered(CALLS.recorded(ACME, Duration.ofHours(1), 50_000, Duration.ofSeconds(1)));
        Calls.TestCall other = registered(CALLS.recorded(ACME, Duration.ofHours(1), 50_000, Duration.ofSeconds(1)));
        String token = tokenFor(ACME);
        double before = requests(STREAM_URI, 202);
        long acceptedBefore = acceptedOnTheFastPath();

        HttpResponse<byte[]> fast = get(streamPath(first), token);
        HttpResponse<byte[]> full = get(streamPath(other), token, "Prefer", "wait=0");

        awaitOnTheFullPath(STREAM_URI, 202, before, 1);
        assertThat(fast.statusCode()).isEqualTo(full.statusCode()).isEqualTo(202);
        assertThat(new String(fast.body(), StandardCharsets.UTF_8).replace(first.callSid(), "{callSid}"))
                .isEqualTo(new String(full.body(), StandardCharsets.UTF_8).replace(other.callSid(), "{callSid}"))
                .contains("\"status\":\"processing\"");
        assertThat(headers(fast, first.callSid())).isEqualTo(headers(full, other.callSid())).containsKeys("location",
                "retry-after", "content-type", "x-content-type-options", "content-security-policy")
                .containsEntry("cache-control", List.of("no-store"));
        assertThat(acceptedOnTheFastPath()).isEqualTo(acceptedBefore + 1);
        assertThat(playUntilReady(first).statusCode()).as("its download was requested").isEqualTo(200);
    }

    @Test
    void aRefusedPlay_isAnsweredOnTheFastPath_exactlyAsTheFullPathAnswersIt() {
        Calls.TestCall call = registered(CALLS.recorded(ACME));
        String stranger = tokenFor("globex");
        double before = requests(STREAM_URI, 403);

        HttpResponse<byte[]> fast = get(streamPath(call), stranger);
        HttpResponse<byte[]> full = get(streamPath(call), stranger, "Prefer", "wait=0");

        awaitOnTheFullPath(STREAM_URI, 403, before, 1);
        assertThat(fast.statusCode()).isEqualTo(full.statusCode()).isEqualTo(403);
        assertThat(fast.body()).isEqualTo(full.body());
        assertThat(headers(fast)).isEqualTo(headers(full)).containsKeys("content-type", "x-content-type-options");
    }

    @Test
    void aKeptWaveform_isAnsweredOnTheFastPath_exactlyAsTheFullPathAnswersIt() {
        Calls.TestCall call = registered(CALLS.recorded(ACME, "inbound", Samples.repeatedMp3(2, 3), Duration.ofHours(1),
                Duration.ZERO));
        playUntilReady(call);
        String token = tokenFor(ACME);
        String peaks = "/api/recordings/" + call.callSid() + "/peaks?business_id=" + ACME;
        double before = requests(PEAKS_URI, 200);
        assertThat(get(peaks, token, "Prefer", "wait=10").statusCode()).as("the waveform kept").isEqualTo(200);

        HttpResponse<byte[]> fast = get(peaks, token);
        HttpResponse<byte[]> full = get(peaks, token, "Prefer", "wait=0");

        awaitOnTheFullPath(PEAKS_URI, 200, before, 2);
        assertThat(fast.statusCode()).isEqualTo(full.statusCode()).isEqualTo(200);
        assertThat(fast.body()).isEqualTo(full.body()).isNotEmpty();
        assertThat(headers(fast)).isEqualTo(headers(full)).containsKeys("x-content-type-options",
                "content-security-policy", "content-type", "content-length")
                .containsEntry("cache-control", List.of("max-age=3600, private"));
    }

    @Test
    void overHttps_bothPathsSendTheSameSecurityHeaders_hstsIncluded() {
        Calls.TestCall call = registered(CALLS.recorded(ACME));
        playUntilReady(call);
        String token = tokenFor(ACME);
        // As a TLS-terminating proxy on this host says it (recstream trusts X-Forwarded-* from internal proxies).
        HttpResponse<byte[]> fast = get(streamPath(call), token, "Range", "bytes=0-9", "X-Forwarded-Proto", "https");
        HttpResponse<byte[]> full = get(streamPath(call), token, "Range", "bytes=0-9", "X-Forwarded-Proto", "https",
                "Prefer", "wait=0");

        assertThat(headers(fast)).isEqualTo(headers(full)).containsKey("strict-transport-security");
        assertThat(headers(fast).get("content-security-policy")).singleElement().asString().contains("default-src 'self'");
    }

    /**
     * The fast path reads the raw path and query: what has anything to decode goes the full path, and is answered as
     * the full path answers it; other parameters beside {@code business_id} don't stop the fast path, and a
     * {@code business_id} given twice is answered as the full path answers it.
     */
    @Test
    void aPlayWithSomethingToDecode_goesTheFullPath_andGetsItsAnswer() {
        Calls.TestCall call = registered(CALLS.recorded(ACME));
        playUntilReady(call);
        String token = tokenFor(ACME);
        String stream = "/api/recordings/" + call.callSid() + "/stream";

        double before = requests(STREAM_URI, 206);
        HttpResponse<byte[]> fast = get(stream + "?t=1&business_id=" + ACME, token, "Range", "bytes=0-9");
        HttpResponse<byte[]> escaped = get(stream + "?business_id=%61cme", token, "Range", "bytes=0-9");
        HttpResponse<byte[]> plus = get(stream + "?t=a+b&business_id=" + ACME, token, "Range", "bytes=0-9");

        awaitOnTheFullPath(STREAM_URI, 206, before, 2);
        assertThat(List.of(fast, escaped, plus)).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(206);
            assertThat(answer.body()).isEqualTo(java.util.Arrays.copyOf(call.media(), 10));
        });
        for (String twice : List.of("?business_id&business_id=" + ACME, "?business_id=" + ACME + "&business_id=" + ACME)) {
            HttpResponse<byte[]> asked = get(stream + twice, token);
            HttpResponse<byte[]> onTheFullPath = get(stream + twice, token, "Prefer", "wait=0");
            assertThat(asked.statusCode()).as(twice).isEqualTo(onTheFullPath.statusCode()).isEqualTo(400);
            assertThat(asked.body()).as(twice).isEqualTo(onTheFullPath.body());
        }
        assertThat(RawHttp.get(port, "/api/recordings/" + call.callSid() + ";v=1/stream?business_id=" + ACME,
                "Authorization: Bearer " + token)).as("a path parameter: the firewall's refusal").isEqualTo(400);
    }

    @Test
    void theChainsOwnAnswers_carryTheSameSecurityHeaders_andAreNotStored() {
        Map<String, List<String>> api = headers(get("/api/calls?business_id=" + ACME, tokenFor(ACME)));

        assertThat(api).containsEntry("x-content-type-options", List.of("nosniff"))
                .containsEntry("x-xss-protection", List.of("0"))
                .containsEntry("x-frame-options", List.of("DENY"))
                .containsEntry("referrer-policy", List.of("no-referrer"))
                .containsKey("content-security-policy");
        assertThat(api.get("cache-control")).singleElement().asString().contains("no-store");
    }

    @Test
    void theFastPath_refusesWhatTheFullPathRefuses() {
        Calls.TestCall call = registered(CALLS.recorded(ACME));
        playUntilReady(call);
        String path = streamPath(call);
        var otherKey = new io.recstream.devkit.AccessTokens("another-secret-that-is-long-enough-for-hs256!");

        assertProblem(get(path, null), 401, "unauthenticated");
        assertProblem(get(path, "not-a-jwt"), 401, "unauthenticated");
        assertProblem(get(path, otherKey.mint("u", List.of(ACME), Duration.ofMinutes(5))), 401, "unauthenticated");
        assertProblem(get(path, INFRA.tokens.mint("u", List.of(ACME), Instant.now().minusSeconds(120))), 401,
                "unauthenticated");
        assertProblem(get(path, null, "Cookie", "access_token=not-a-jwt"), 401, "unauthenticated");
        assertProblem(get(path, tokenFor("globex")), 403, "business_forbidden");
        assertProblem(get("/api/recordings/" + call.callSid() + "/stream?business_id=globex", tokenFor(ACME, "globex")),
                404, "call_not_found");
        assertProblem(get("/api/recordings/" + call.callSid() + "/stream", tokenFor(ACME)), 400, "business_id_required");
        assertProblem(get("/api/recordings/" + call.callSid() + "/stream?business_id=bad%20id", tokenFor(ACME)), 400,
                "invalid_business_id");
        assertProblem(get(path, tokenFor(ACME), "Range", "bytes=" + call.media().length + "-"), 416,
                "range_not_satisfiable");
        assertThat(send("POST", path, tokenFor(ACME)).statusCode()).isEqualTo(405);
    }

    /** The requests to {@code uri} that went the full path (the HTTP observation sees no other), by status. */
    private double requests(String uri, int status) {
        Timer timer = meters.find("http.server.requests").tag("uri", uri).tag("status", Integer.toString(status))
                .timer();
        return timer == null ? 0 : timer.count();
    }

    /**
     * The observation is recorded just after the answer leaves: waits for the full path's {@code count}, then sees no
     * other come.
     */
    private void awaitOnTheFullPath(String uri, int status, double before, int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> requests(uri, status) >= before + count);
        await("only the Prefer requests went the full path, past the HTTP observation")
                .during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> requests(uri, status) == before + count);
    }

    private static Map<String, List<String>> headers(HttpResponse<byte[]> response) {
        return headers(response, null);
    }

    /** The headers that two answers share, with {@code callSid} (if given) named as such in their values. */
    private static Map<String, List<String>> headers(HttpResponse<byte[]> response, String callSid) {
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!PER_ANSWER.contains(name.toLowerCase())) {
                headers.put(name.toLowerCase(), callSid == null ? values
                        : values.stream().map(value -> value.replace(callSid, "{callSid}")).toList());
            }
        });
        return headers;
    }

    private long acceptedOnTheFastPath() {
        return meters.get("recstream.stream.accepted").timer().count();
    }
}
