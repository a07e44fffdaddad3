package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An instance shut down while it downloads finishes the download before it stops: the recording is stored whole, its
 * command is committed and its lock released, so an instance started afterwards downloads nothing again.
 */
class GracefulShutdownEndToEndTest {

    private static final Infrastructure INFRA = Infrastructure.get();

    @Test
    void shuttingDownMidDownload_finishesIt_andNothingIsDownloadedTwice() throws Exception {
        Path volume = Files.createTempDirectory("recstream-shutdown-");
        Map<String, Object> properties = Instances.isolated(INFRA, "shutdown", volume);
        String callSid = Calls.sid("CA");
        String recordingSid = Calls.sid("RE");
        byte[] media = Calls.audio(100_000);
        INFRA.twilio.addRecording(callSid, recordingSid, Instant.now().minusSeconds(60), media);
        INFRA.twilio.dribbleMedia(recordingSid, media, 5, Duration.ofSeconds(4));
        Calls calls = new Calls(INFRA);

        ConfigurableApplicationContext stopping = Instances.startInThisJvm(properties);
        calls.send("shutdown.download-requests", callSid, """
                {"callSid":"%s","businessId":"acme","requestedAt":"%s","reason":"external"}"""
                .formatted(callSid, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> hasPartialFile(volume));

        stopping.close();

        assertThat(volume.resolve(callSid + ".mp3")).as("finished before stopping").hasBinaryContent(media);
        assertThat(hasPartialFile(volume)).isFalse();
        calls.send("shutdown.calls", callSid, """
                {"callSid":"%s","businessId":"acme","recordingSid":"%s","direction":"inbound","from":"+1","to":"+2",\
                "startedAt":"%s","durationSeconds":30}""".formatted(callSid, recordingSid, Instant.now().minusSeconds(120)));
        ConfigurableApplicationContext next = Instances.startInThisJvm(properties);
        try {
            // The command was committed: the next instance of the group is not handed it again.
            MeterRegistry meters = next.getBean(MeterRegistry.class);
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).until(() ->
                    meters.find("recstream.download.commands").counters().stream().mapToDouble(Counter::count).sum() == 0
                            && INFRA.twilio.mediaDownloads(recordingSid) == 1);
            // And a restart serves what is cached from the volume, without downloading it again.
            HttpResponse<byte[]> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + Instances.port(next) + "/api/recordings/" + callSid + "/stream?business_id=acme"))
                    .header("Authorization", "Bearer " + INFRA.tokens.mint("restart", List.of("acme"), Duration.ofMinutes(5)))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.body()).isEqualTo(media);
            assertThat(INFRA.twilio.mediaDownloads(recordingSid)).isEqualTo(1);
        } finally {
            next.close();
        }
    }

    private static boolean hasPartialFile(Path volume) throws java.io.IOException {
        try (Stream<Path> files = Files.list(volume)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".part"));
        }
    }
}
