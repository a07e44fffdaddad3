package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A worker killed with SIGKILL in the middle of a download: another instance takes the command over (its offset was
 * never committed), the dead worker's lock expires, the recording is downloaded again and served whole, and the
 * half-written temporary file is swept. No partial file is ever visible. A later command on the same partition is
 * downloaded meanwhile (commands run side by side), yet not committed ahead of the unfinished one.
 */
class WorkerCrashEndToEndTest {

    private static final Infrastructure INFRA = Infrastructure.get();

    @Test
    void aWorkerKilledMidDownload_isReplaced_andTheRecordingIsServedWhole() throws Exception {
        Path volume = Files.createTempDirectory("recstream-crash-");
        Map<String, Object> properties = Instances.isolated(INFRA, "crash", volume);
        properties.putAll(Map.of("recstream.download.lock-ttl", "3s", "recstream.storage.stale-temp-after", "10s",
                "recstream.storage.sweep-interval", "1s"));
        properties.put("spring.kafka.consumer.properties.session.timeout.ms", "6000");
        properties.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "1000");
        // One partition: both commands below are on it, the slow one first.
        properties.put("recstream.topics.partitions", 1);

        String callSid = Calls.sid("CA");
        String recordingSid = Calls.sid("RE");
        byte[] media = Calls.audio(400_000);
        // Twilio sends this recording slowly: the worker is mid-download for a good while.
        INFRA.twilio.addRecording(callSid, recordingSid, Instant.now().minusSeconds(60), media);
        INFRA.twilio.dribbleMedia(recordingSid, media, 40, Duration.ofSeconds(40));
        String quickCallSid = Calls.sid("CA");
        String quickRecordingSid = Calls.sid("RE");
        byte[] quickMedia = Calls.audio(50_000);
        INFRA.twilio.addRecording(quickCallSid, quickRecordingSid, Instant.now().minusSeconds(60), quickMedia);

        Process doomed = Instances.startProcess(properties, volume.resolve("doomed.log"));
        try {
            Calls calls = new Calls(INFRA);
            calls.send("crash.calls", callSid, """
                    {"callSid":"%s","businessId":"acme","recordingSid":"%s","direction":"inbound","from":"+1","to":"+2",\
                    "startedAt":"%s","durationSeconds":30}""".formatted(callSid, recordingSid, Instant.now().minusSeconds(120)));
            calls.send("crash.download-requests", callSid, """
                    {"callSid":"%s","businessId":"acme","requestedAt":"%s","reason":"external"}"""
                    .formatted(callSid, Instant.now()));

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> partialFiles(volume).stream().anyMatch(file -> size(file) > 0));
            calls.send("crash.download-requests", quickCallSid, """
                    {"callSid":"%s","businessId":"acme","recordingSid":"%s","requestedAt":"%s","reason":"external"}"""
                    .formatted(quickCallSid, quickRecordingSid, Instant.now()));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.exists(volume.resolve(quickCallSid + ".mp3")));
            assertThat(partialFiles(volume)).as("the slow download still runs beside the quick one").isNotEmpty();
        } finally {
            doomed.destroyForcibly().waitFor();
        }
        assertThat(Files.exists(volume.resolve(callSid + ".mp3"))).as("nothing published by the dead worker").isFalse();

        // Twilio is fast again for whoever takes over.
        INFRA.twilio.healMedia(recordingSid);

        ConfigurableApplicationContext survivor = Instances.startInThisJvm(properties);
        try {
            String token = INFRA.tokens.mint("crash", List.of("acme"), Duration.ofMinutes(5));
            HttpRequest play = HttpRequest.newBuilder(URI.create("http://localhost:" + Instances.port(survivor)
                    + "/api/recordings/" + callSid + "/stream?business_id=acme"))
                    .header("Authorization", "Bearer " + token).build();
            HttpClient http = HttpClient.newHttpClient();
            // A play that follows the dead worker's download is cut off with it (never short as whole): ask again.
            HttpResponse<byte[]> served = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> http.send(play, HttpResponse.BodyHandlers.ofByteArray()),
                            response -> response.statusCode() == 200);

            assertThat(served.body()).isEqualTo(media);
            await().atMost(Duration.ofSeconds(20)).until(() -> partialFiles(volume).isEmpty());
            // The quick command came again too (nothing after the unfinished one was committed) and found its file.
            await().atMost(Duration.ofSeconds(20)).until(() -> survivor.getBean(MeterRegistry.class)
                    .counter("recstream.download.commands", "result", "already_cached").count() >= 1);
            assertThat(INFRA.twilio.mediaDownloads(quickRecordingSid)).isEqualTo(1);
            assertThat(volume.resolve(quickCallSid + ".mp3")).hasBinaryContent(quickMedia);
        } finally {
            survivor.close();
        }
    }

    private static List<Path> partialFiles(Path volume) throws IOException {
        try (Stream<Path> files = Files.list(volume)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".part")).toList();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
