package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.recstream.devkit.LocalRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Redis loses only its newest writes (restarted from an older snapshot, as after a failover to a lagging replica):
 * the directory's older read positions survive, the calls learnt since the snapshot are gone, and their facts' offsets
 * are committed in Kafka. The directory kept how far it had read with its facts, so the gap is read again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartialRedisLossEndToEndTest {

    private static final Infrastructure INFRA = Infrastructure.get();
    private static final String PREFIX = "partialloss";
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalRedis redis;
    private ConfigurableApplicationContext instance;
    private Calls calls;

    @BeforeAll
    void start() throws Exception {
        redis = LocalRedis.startWithSnapshots(Files.createTempDirectory("recstream-redis-snapshots-"));
        Map<String, Object> properties = Instances.isolated(INFRA, PREFIX,
                Files.createTempDirectory("recstream-partial-loss-"));
        properties.put("spring.data.redis.port", redis.port());
        instance = Instances.startInThisJvm(properties);
        calls = new Calls(INFRA, PREFIX + ".calls");
    }

    @AfterAll
    void stop() {
        instance.close();
        redis.close();
    }

    @Test
    void callsLearntAfterTheSnapshot_comeBack_afterARestartFromIt() throws Exception {
        Calls.TestCall before = calls.recorded("acme");
        awaitStatus(before, 200);
        // The snapshot of a whole directory (its first rebuild, of the empty Redis it started with, done): its mark
        // survives the restart, and only what came after is lost.
        awaitListed(before);
        redis.snapshot();
        Calls.TestCall after = calls.recorded("acme");
        Calls.TestCall afterToo = calls.recorded("acme");
        awaitStatus(after, 200);
        awaitStatus(afterToo, 200);

        redis.stop();
        redis.restart();

        // The list is read from Redis only (a call's status may still come from the instance's memory of it).
        awaitListed(before, after, afterToo);
        assertThat(status(after)).isEqualTo(200);
        assertThat(status(afterToo)).isEqualTo(200);
    }

    private void awaitListed(Calls.TestCall... listed) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> get("/api/calls?business_id=acme&limit=200"), page -> java.util.Arrays.stream(listed)
                        .allMatch(call -> page.contains(call.callSid())));
    }

    private void awaitStatus(Calls.TestCall call, int expected) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> status(call) == expected);
    }

    private int status(Calls.TestCall call) throws Exception {
        return send("/api/recordings/" + call.callSid() + "/status?business_id=acme").statusCode();
    }

    private String get(String path) throws Exception {
        return send(path).body();
    }

    private HttpResponse<String> send(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + Instances.port(instance) + path))
                .header("Authorization", "Bearer " + INFRA.tokens.mint("partial-loss", List.of("acme"),
                        Duration.ofMinutes(5))).build(), HttpResponse.BodyHandlers.ofString());
    }
}
