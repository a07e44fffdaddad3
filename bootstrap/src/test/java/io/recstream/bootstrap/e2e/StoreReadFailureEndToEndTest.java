package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.recstream.devkit.LocalS3;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A store that fails to read a recording it holds (an object store gone down while the instance remembers the
 * recording as found; a file that can't be read) answers {@code 503 storage_unavailable} with {@code Retry-After} on
 * the fast path, the full path and the legacy download, never a 500; the recording plays again once the store does.
 */
class StoreReadFailureEndToEndTest {

    private static final Infrastructure INFRA = Infrastructure.get();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String BUCKET = "read-failures";

    private ConfigurableApplicationContext instance;
    private LocalS3 s3;

    @AfterEach
    void stop() {
        if (instance != null) {
            instance.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void aFileThatCannotBeRead_is503_onEveryPath() throws Exception {
        Path volume = Files.createTempDirectory("recstream-unreadable-");
        Map<String, Object> properties = Instances.isolated(INFRA, "unreadable", volume);
        // The file is replaced under the instance: one it kept open since the play would be read on, as kept files
        // are (the store then fails only on a read of it, as a failing disk does); here every play opens the file.
        properties.put("recstream.storage.keep-open-for", "0s");
        instance = Instances.startInThisJvm(properties);
        Calls.TestCall call = playedOnce(new Calls(INFRA, "unreadable.calls"));

        // The recording's file becomes a directory: it still opens, and its first read fails (EISDIR).
        Path file = volume.resolve(call.callSid() + ".mp3");
        Files.delete(file);
        Files.createDirectory(file);

        assertEveryPathSaysTheStoreIsUnavailable(call);

        Files.delete(file);
        Files.write(file, call.media());
        assertThat(play(call, Map.of()).body()).isEqualTo(call.media());
    }

    @Test
    void aBucketThatStopsAnswering_is503_onEveryPath_andPlaysAgainWhenItIsBack() throws Exception {
        s3 = LocalS3.start(Files.createTempDirectory("recstream-s3-down-")).withBucket(BUCKET);
        Map<String, Object> properties = Instances.isolated(INFRA, "bucketdown",
                Files.createTempDirectory("recstream-spool-"));
        properties.putAll(Map.of("recstream.storage.type", "s3", "recstream.storage.s3.bucket", BUCKET,
                "recstream.storage.s3.endpoint", s3.endpoint(), "recstream.storage.s3.path-style", true,
                "recstream.storage.s3.access-key", LocalS3.ACCESS_KEY,
                "recstream.storage.s3.secret-key", LocalS3.SECRET_KEY,
                // No local copy: every play reads the bucket, from the instance's memory of the found object.
                "recstream.storage.s3.local-copy-threads", "0"));
        instance = Instances.startInThisJvm(properties);
        Calls calls = new Calls(INFRA, "bucketdown.calls");
        Calls.TestCall call = playedOnce(calls);
        Calls.TestCall notYetPlayed = calls.recorded("acme", Duration.ofHours(1), 20_000, Duration.ZERO);

        s3.close();
        assertEveryPathSaysTheStoreIsUnavailable(call);
        assertTheStoresPathsSayItIsUnavailable(Map.of(
                "a recording not cached yet", "/api/recordings/" + notYetPlayed.callSid() + "/stream?business_id=acme",
                "its status", "/api/recordings/" + notYetPlayed.callSid() + "/status?business_id=acme",
                // Not the played call's: its media isn't audio, which the instance remembers, store or not.
                "its waveform", "/api/recordings/" + notYetPlayed.callSid() + "/peaks?business_id=acme",
                "the list", "/api/calls?business_id=acme"));

        s3 = s3.restarted();
        HttpResponse<byte[]> again = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> play(call, Map.of()), response -> response.statusCode() == 200);
        assertThat(again.body()).isEqualTo(call.media());
    }

    /** A small recording (no sendfile), reported and played until it is cached. */
    private Calls.TestCall playedOnce(Calls calls) {
        Calls.TestCall call = calls.recorded("acme", Duration.ofHours(1), 20_000, Duration.ZERO);
        HttpResponse<byte[]> played = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> play(call, Map.of()), response -> response.statusCode() == 200);
        assertThat(played.body()).isEqualTo(call.media());
        return call;
    }

    private void assertEveryPathSaysTheStoreIsUnavailable(Calls.TestCall call) {
        String stream = "/api/recordings/" + call.callSid() + "/stream?business_id=acme";
        assertUnavailable(Map.of(
                "fast path, whole", send(stream, Map.of()),
                "fast path, range", send(stream, Map.of("Range", "bytes=0-1")),
                "full path (Prefer)", send(stream, Map.of("Prefer", "wait=1", "Range", "bytes=100-199")),
                "legacy download", send("/api/calls/" + call.callSid() + "/download?business_id=acme", Map.of())));
    }

    private void assertTheStoresPathsSayItIsUnavailable(Map<String, String> paths) {
        Map<String, HttpResponse<byte[]>> answers = new java.util.TreeMap<>();
        paths.forEach((what, path) -> answers.put(what, send(path, Map.of())));
        assertUnavailable(answers);
    }

    private static void assertUnavailable(Map<String, HttpResponse<byte[]>> answers) {
        answers.forEach((path, answer) -> {
            assertThat(answer.statusCode()).as(path).isEqualTo(503);
            assertThat(new String(answer.body())).as(path).contains("\"code\":\"storage_unavailable\"")
                    .doesNotContain("Exception");
            assertThat(answer.headers().firstValue("Retry-After")).as(path).isPresent();
        });
    }

    private HttpResponse<byte[]> play(Calls.TestCall call, Map<String, String> headers) {
        return send("/api/recordings/" + call.callSid() + "/stream?business_id=acme", headers);
    }

    private HttpResponse<byte[]> send(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + Instances.port(instance)
                + path)).header("Authorization", "Bearer " + INFRA.tokens.mint("reader", List.of("acme"),
                Duration.ofMinutes(10))).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError("no answer to " + path + ": " + e, e);
        }
    }
}
