package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.recstream.bootstrap.RecstreamApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The real application on a random port, against real Kafka, real Redis and the Twilio simulator, over real HTTP. */
@SpringBootTest(classes = RecstreamApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// The tuning comes from a file of lower precedence than a test class's own @TestPropertySource, which overrides it.
@TestPropertySource(locations = "classpath:" + EndToEndTest.TUNING_FILE)
abstract class EndToEndTest {

    static final String TUNING_FILE = "end-to-end.properties";

    static final Infrastructure INFRA = Infrastructure.get();
    static final Calls CALLS = new Calls(INFRA);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void pointAtInfrastructure(DynamicPropertyRegistry registry) {
        INFRA.location().forEach((name, value) -> registry.add(name, () -> value));
    }

    static String tokenFor(String... businesses) {
        return INFRA.tokens.mint("user-" + businesses.length, List.of(businesses), Duration.ofMinutes(30));
    }

    static String streamPath(Calls.TestCall call) {
        return "/api/recordings/" + call.callSid() + "/stream?business_id=" + call.business();
    }

    static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A problem-details answer with this status and code, and no trace of the server's insides. */
    static void assertProblem(HttpResponse<byte[]> response, int status, String code) {
        assertThat(response.statusCode()).as(body(response)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(body(response)).contains("\"code\":\"" + code + "\"").doesNotContain("Exception", "at io.");
    }

    /** What Prometheus would scrape from this instance now. */
    String scrape() {
        return new String(get("/actuator/prometheus", null).body(), StandardCharsets.UTF_8);
    }

    /** The sum of the samples of {@code name} that carry every one of {@code labels} ({@code key="value"}). */
    static double value(String scrape, String name, String... labels) {
        double sum = 0;
        for (String line : scrape.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean matches = true;
            for (String label : labels) {
                matches &= line.contains(label);
            }
            if (matches) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** The sum of the samples of {@code name} with all of {@code labels}, scraped now. */
    double now(String name, String... labels) {
        return value(scrape(), name, labels);
    }

    HttpResponse<byte[]> get(String path, String token, String... headers) {
        return send("GET", path, token, headers);
    }

    HttpResponse<byte[]> send(String method, String path, String token, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(40));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until recstream has registered the call from the calls topic. */
    Calls.TestCall registered(Calls.TestCall call) {
        String token = tokenFor(call.business());
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/recordings/" + call.callSid() + "/status?business_id="
                + call.business(), token).statusCode() == 200);
        return call;
    }

    /** The status endpoint's answer for the call. */
    String statusOf(Calls.TestCall call) {
        return new String(get("/api/recordings/" + call.callSid() + "/status?business_id=" + call.business(),
                tokenFor(call.business())).body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Plays until the stored recording is served, as the UI's retry loop does. A 200 may come first that follows the
     * download still in progress: it has no validators, and the recording is not stored yet, so it does not count.
     */
    HttpResponse<byte[]> playUntilReady(Calls.TestCall call, String... headers) {
        String token = tokenFor(call.business());
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> get(streamPath(call), token, headers), response -> response.statusCode() == 200
                        && response.headers().firstValue("ETag").isPresent());
    }
}
