package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.recstream.devkit.KafkaBrokerProcess;
import io.recstream.devkit.LocalRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Kafka and Redis stopped and started again under a running instance: every play gets a documented answer in
 * bounded time (cached recordings keep playing), and everything works again once they are back.
 */
class InfrastructureOutageEndToEndTest {

    private static final Infrastructure INFRA = Infrastructure.get();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration BOUNDED = Duration.ofSeconds(8);

    private static KafkaBrokerProcess kafka;
    private static LocalRedis redis;
    private static ConfigurableApplicationContext instance;
    private static Calls calls;
    private final String token = INFRA.tokens.mint("outage", List.of("acme"), Duration.ofMinutes(10));

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaBrokerProcess.start();
        redis = LocalRedis.startPersistent(Files.createTempDirectory("redis-data-"));
        Map<String, Object> properties = INFRA.properties();
        properties.putAll(Map.of("server.port", 0, "spring.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "spring.data.redis.port", redis.port(),
                "recstream.storage.dir", Files.createTempDirectory("recstream-outage-").toString()));
        instance = Instances.startInThisJvm(properties);
        calls = new Calls(kafka.bootstrapServers(), INFRA.twilio);
    }

    @AfterAll
    static void stop() {
        instance.close();
        redis.close();
        kafka.close();
    }

    private HttpResponse<byte[]> play(Calls.TestCall call) throws Exception {
        return send(call, "stream");
    }

    private HttpResponse<byte[]> send(Calls.TestCall call, String endpoint) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + Instances.port(instance)
                + "/api/recordings/" + call.callSid() + "/" + endpoint + "?business_id=acme"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> playUntilReady(Calls.TestCall call) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> play(call), response -> response.statusCode() == 200);
    }

    /** Waits until the calls topic has registered the call, without playing it. */
    private Calls.TestCall registered(Calls.TestCall call) {
        await().atMost(Duration.ofSeconds(30)).until(() -> send(call, "status").statusCode() == 200);
        return call;
    }

    private HttpResponse<String> health(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + Instances.port(instance)
                + "/actuator/health" + path)).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The answer, and that it came in bounded time. */
    private HttpResponse<byte[]> timedPlay(Calls.TestCall call) throws Exception {
        Instant start = Instant.now();
        HttpResponse<byte[]> response = play(call);
        assertThat(Duration.between(start, Instant.now())).isLessThan(BOUNDED);
        return response;
    }

    private static void assertUnavailable(HttpResponse<byte[]> response, String code) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"code\":\"" + code + "\"");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void kafkaDown_uncachedPlaysAndWebhooksGet503InBoundedTime_cachedOnesPlay_andAllRecoversWhenItIsBack()
            throws Exception {
        Calls.TestCall cached = registered(calls.recorded("acme"));
        playUntilReady(cached);
        Calls.TestCall uncached = registered(calls.recorded("acme"));
        String reportedLate = Calls.sid("CA");
        String lateRecording = Calls.sid("RE");

        kafka.stop();
        try {
            assertUnavailable(timedPlay(uncached), "queue_unavailable");
            HttpResponse<String> webhook = TwilioWebhooks.reportCompleted(Instances.port(instance), "acme", reportedLate,
                    lateRecording);
            assertThat(webhook.statusCode()).as("Twilio retries until the fact is recorded").isEqualTo(503);
            assertThat(webhook.body()).contains("\"code\":\"queue_unavailable\"");
            assertThat(send(new Calls.TestCall(reportedLate, "acme", lateRecording, new byte[0]), "status").statusCode())
                    .as("nothing registered").isIn(404, 503);
            assertThat(timedPlay(cached).statusCode()).isEqualTo(200);
            assertThat(health("").body()).contains("\"kafka\":{\"status\":\"DOWN\"");
            assertThat(health("/liveness").statusCode()).isEqualTo(200);
        } finally {
            kafka.restart();
        }

        assertThat(playUntilReady(uncached).body()).isEqualTo(uncached.media());
        await().atMost(Duration.ofSeconds(20)).until(() -> TwilioWebhooks.reportCompleted(Instances.port(instance),
                "acme", reportedLate, lateRecording).statusCode() == 204);
        await().atMost(Duration.ofSeconds(20)).until(() -> health("").statusCode() == 200);
    }

    @Test
    void redisDown_cachedRecordingsOfKnownCallsPlay_othersGet503InBoundedTime_andAllRecovers() throws Exception {
        Calls.TestCall cached = registered(calls.recorded("acme"));
        playUntilReady(cached);
        Calls.TestCall uncached = registered(calls.recorded("acme"));
        Calls.TestCall unknown = new Calls.TestCall(Calls.sid("CA"), "acme", Calls.sid("RE"), new byte[0]);

        redis.stop();
        try {
            assertThat(timedPlay(cached).statusCode()).isEqualTo(200);
            assertUnavailable(timedPlay(uncached), "service_unavailable");
            assertUnavailable(timedPlay(unknown), "service_unavailable");
            HttpResponse<String> down = health("");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"redis\":{\"status\":\"DOWN\"");
            assertThat(health("/liveness").statusCode()).as("liveness does not flap on Redis").isEqualTo(200);
            assertThat(health("/readiness").statusCode()).as("cached recordings can still be served").isEqualTo(200);
        } finally {
            redis.restart();
        }

        assertThat(playUntilReady(uncached).body()).isEqualTo(uncached.media());
        await().atMost(Duration.ofSeconds(20)).until(() -> health("").statusCode() == 200);
    }
}
