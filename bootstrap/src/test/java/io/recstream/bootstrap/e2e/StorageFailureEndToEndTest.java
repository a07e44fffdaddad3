package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.recstream.devkit.SmallVolume;
import java.io.IOException;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The recordings volume fills up (a real 2 MB tmpfs): plays say the storage is unavailable, the failures are counted
 * as the store's, and Twilio's circuit (set to open after two outages) stays closed, so smaller recordings still play.
 */
class StorageFailureEndToEndTest {

    private static final Infrastructure INFRA = Infrastructure.get();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int MB = 1024 * 1024;

    private static SmallVolume volume;
    private static ConfigurableApplicationContext instance;
    private static Calls calls;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(SmallVolume.mountable(), "mounting a tmpfs needs root (CI has it)");
        volume = SmallVolume.mount(2L * MB);
        Map<String, Object> properties = Instances.isolated(INFRA, "disk", volume.path());
        properties.putAll(Map.of("recstream.storage.min-free", "16KB",
                "recstream.twilio.circuit-breaker.minimum-calls", "2",
                "recstream.twilio.circuit-breaker.sliding-window-size", "4"));
        instance = Instances.startInThisJvm(properties);
        calls = new Calls(INFRA);
    }

    @AfterAll
    static void stop() {
        if (instance != null) {
            instance.close();
        }
        if (volume != null) {
            volume.close();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        String token = INFRA.tokens.mint("disk", List.of("acme"), Duration.ofMinutes(10));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + Instances.port(instance) + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Calls.TestCall reported(int size) {
        Calls.TestCall call = new Calls.TestCall(Calls.sid("CA"), "acme", Calls.sid("RE"), Calls.audio(size));
        INFRA.twilio.addRecording(call.callSid(), call.recordingSid(), Instant.now().minusSeconds(600), call.media());
        calls.send("disk.calls", call.callSid(), """
                {"callSid":"%s","businessId":"acme","recordingSid":"%s","direction":"inbound","from":"+1","to":"+2",\
                "startedAt":"%s","durationSeconds":60}""".formatted(call.callSid(), call.recordingSid(),
                Instant.now().minusSeconds(700)));
        await().atMost(Duration.ofSeconds(20)).until(() -> get(status(call)).statusCode() == 200);
        return call;
    }

    private static String stream(Calls.TestCall call) {
        return "/api/recordings/" + call.callSid() + "/stream?business_id=acme";
    }

    private static String status(Calls.TestCall call) {
        return "/api/recordings/" + call.callSid() + "/status?business_id=acme";
    }

    @Test
    void aFullVolume_isAStorageFailure_notATwilioOne() throws Exception {
        List<Calls.TestCall> tooLarge = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tooLarge.add(reported(3 * MB));
        }
        for (Calls.TestCall call : tooLarge) {
            assertThat(get(stream(call)).statusCode()).isEqualTo(202);
        }

        for (Calls.TestCall call : tooLarge) {
            // A play may follow the download as the full volume breaks it off, and be cut with it (the connection
            // closed before its Content-Length): it asks again, as a player does.
            HttpResponse<String> unavailable = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> get(stream(call)), response -> response.statusCode() != 202);
            assertThat(unavailable.statusCode()).isEqualTo(503);
            assertThat(unavailable.body()).contains("\"code\":\"storage_unavailable\"");
            assertThat(unavailable.headers().firstValue("Retry-After")).isPresent();
        }
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("recstream_storage_failures_total\\{operation=\"write\"\\} [1-9]");
        assertThat(metrics).contains("resilience4j_circuitbreaker_state{name=\"twilio\",state=\"closed\"} 1.0");

        Calls.TestCall small = reported(100_000);
        HttpResponse<String> played = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> get(stream(small)), response -> response.statusCode() == 200);
        assertThat(played.body().length()).isPositive();
        // The large recordings' commands are still being retried (the store failed, not Twilio): a write in progress
        // has its temporary file, a failed one must have none left.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            try (var files = Files.list(volume.path())) {
                assertThat(files.map(path -> path.getFileName().toString()))
                        .as("no temporary file of a failed write is left").noneMatch(name -> name.endsWith(".part"));
            }
        });
    }
}
