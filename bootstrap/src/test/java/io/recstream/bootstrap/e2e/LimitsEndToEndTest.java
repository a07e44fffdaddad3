package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** One user or one business can't take what others need: held requests per user, new downloads per business. */
class LimitsEndToEndTest {

    private static final Infrastructure INFRA = Infrastructure.get();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PREFIX = "limits";

    private static ConfigurableApplicationContext instance;
    private static Calls calls;

    @BeforeAll
    static void start() throws Exception {
        Map<String, Object> properties = Instances.isolated(INFRA, PREFIX, Files.createTempDirectory("recstream-limits-"));
        properties.put("recstream.limits.held-requests-per-user", 2);
        properties.put("recstream.limits.downloads-per-business", "2/1m");
        instance = Instances.startInThisJvm(properties);
        calls = new Calls(INFRA);
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    private static String aBusiness() {
        return "limits-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Calls.TestCall reported(String business) {
        Calls.TestCall call = new Calls.TestCall(Calls.sid("CA"), business, Calls.sid("RE"), Calls.audio(20_000));
        INFRA.twilio.addRecording(call.callSid(), call.recordingSid(), Instant.now().minusSeconds(600), call.media());
        calls.send(PREFIX + ".calls", call.callSid(), """
                {"callSid":"%s","businessId":"%s","recordingSid":"%s","direction":"inbound","from":"+1","to":"+2",\
                "startedAt":"%s","durationSeconds":60}""".formatted(call.callSid(), business, call.recordingSid(),
                Instant.now().minusSeconds(700)));
        await().atMost(Duration.ofSeconds(20)).until(() -> send(call, "status", "agent").statusCode() == 200);
        return call;
    }

    private static HttpResponse<String> send(Calls.TestCall call, String endpoint, String user, String... headers) {
        String token = INFRA.tokens.mint(user, List.of(call.business()), Duration.ofMinutes(10));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + Instances.port(instance)
                + "/api/recordings/" + call.callSid() + "/" + endpoint + "?business_id=" + call.business()))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code recstream_stream_requests_total{outcome="limited"}}, or 0 before the first. */
    private static double limitedPlays() {
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + Instances.port(instance)
                    + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(line -> line.startsWith("recstream_stream_requests_total{")
                            && line.contains("outcome=\"limited\""))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aUserHoldingAsManyRequestsAsAllowed_getsA429ForOneMore_andOtherUsersDoNot() {
        String business = aBusiness();
        Calls.TestCall slow = reported(business);
        // Twilio's first byte takes a while (within the tests' 3 s read timeout): requests that wait for audio to
        // start stay held meanwhile.
        INFRA.twilio.dribbleMedia(slow.recordingSid(), slow.media(), Duration.ofMillis(2500), 1, Duration.ofMillis(100));
        List<CompletableFuture<HttpResponse<String>>> holding = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            holding.add(CompletableFuture.supplyAsync(() -> send(slow, "stream", "hoarder", "Prefer", "wait=20")));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> send(slow, "stream", "hoarder", "Prefer", "wait=1")
                .statusCode() == 429);

        double limitedBefore = limitedPlays();
        HttpResponse<String> refused = send(slow, "stream", "hoarder", "Prefer", "wait=20");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(limitedPlays() - limitedBefore).as("counted as limited, like the budget's 429").isEqualTo(1.0);
        assertThat(refused.body()).contains("\"code\":\"too_many_requests\"");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(send(slow, "stream", "hoarder").statusCode()).as("a request that is not held").isEqualTo(202);
        assertThat(send(slow, "stream", "colleague", "Prefer", "wait=1").statusCode()).isNotEqualTo(429);

        holding.forEach(held -> assertThat(held.join().statusCode()).isEqualTo(200));
        assertThat(send(slow, "stream", "hoarder", "Prefer", "wait=1").statusCode()).as("places freed").isEqualTo(200);
    }

    @Test
    void aBusinessPastItsDownloadBudget_getsA429ForNewRecordings_butCachedOnesPlay() {
        String business = aBusiness();
        Calls.TestCall first = reported(business);
        Calls.TestCall second = reported(business);
        Calls.TestCall third = reported(business);

        assertThat(send(first, "stream", "agent").statusCode()).isEqualTo(202);
        assertThat(send(second, "stream", "agent").statusCode()).isEqualTo(202);
        HttpResponse<String> limited = send(third, "stream", "agent");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("\"code\":\"too_many_requests\"");
        assertThat(limited.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(seconds ->
                assertThat(seconds).isBetween(1L, 30L));
        await().atMost(Duration.ofSeconds(20)).until(() -> send(first, "stream", "agent").statusCode() == 200);
        assertThat(send(first, "stream", "agent", "Range", "bytes=0-1").statusCode()).as("cached: never limited")
                .isEqualTo(206);
        assertThat(send(reported(aBusiness()), "stream", "agent").statusCode()).as("another business")
                .isEqualTo(202);
    }
}
