package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Two recstream instances in one consumer group, sharing Redis and a recordings volume: they split the downloads
 * between them and never download a recording twice, however the plays are spread over them.
 */
class TwoInstancesEndToEndTest {

    private static final Infrastructure INFRA = Infrastructure.get();
    private static final String GROUP = "scale-downloaders";
    private static final int RECORDINGS = 24;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @BeforeAll
    static void startTwoInstances() throws Exception {
        Path sharedVolume = Files.createTempDirectory("recstream-shared-");
        Map<String, Object> properties = Instances.isolated(INFRA, "scale", sharedVolume);
        properties.put("recstream.download.concurrency", 3);
        List<CompletableFuture<ConfigurableApplicationContext>> starting = List.of(start(properties), start(properties));
        starting.forEach(instance -> instances.add(instance.join()));
        await().atMost(Duration.ofSeconds(30)).until(() -> instances.stream().allMatch(instance ->
                !instance.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer(GROUP)
                        .getAssignedPartitions().isEmpty()));
    }

    private static CompletableFuture<ConfigurableApplicationContext> start(Map<String, Object> properties) {
        return CompletableFuture.supplyAsync(() -> Instances.startInThisJvm(properties));
    }

    @AfterAll
    static void stopInstances() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void theGroupSharesTheWork_andNoRecordingIsDownloadedTwice() {
        Calls calls = new Calls(INFRA);
        List<Calls.TestCall> recorded = new ArrayList<>();
        for (int i = 0; i < RECORDINGS; i++) {
            Calls.TestCall call = new Calls.TestCall(Calls.sid("CA"), "acme", Calls.sid("RE"), Calls.audio(8_000 + i));
            INFRA.twilio.addRecording(call.callSid(), call.recordingSid(), java.time.Instant.now().minusSeconds(600),
                    call.media(), Duration.ofMillis(200));
            calls.send("scale.calls", call.callSid(), """
                    {"callSid":"%s","businessId":"acme","recordingSid":"%s","direction":"outbound","from":"+1",\
                    "to":"+2","startedAt":"%s","durationSeconds":10}"""
                    .formatted(call.callSid(), call.recordingSid(), java.time.Instant.now().minusSeconds(700)));
            recorded.add(call);
        }
        String token = INFRA.tokens.mint("scale", List.of("acme"), Duration.ofMinutes(10));

        // Every recording is played on both instances at once, and again until both serve it.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> recorded.stream()
                .flatMap(call -> instances.stream().map(instance -> play(instance, call, token)))
                .toList().stream().map(CompletableFuture::join).allMatch(status -> status == 200));

        for (Calls.TestCall call : recorded) {
            assertThat(INFRA.twilio.mediaDownloads(call.recordingSid())).as(call.callSid()).isEqualTo(1);
        }
        List<Double> downloadsPerInstance = instances.stream().map(instance -> instance.getBean(MeterRegistry.class)
                .counter("recstream.download.commands", "result", "downloaded").count()).toList();
        assertThat(downloadsPerInstance).allMatch(count -> count > 0);
        assertThat(downloadsPerInstance.stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(RECORDINGS);
    }

    private static CompletableFuture<Integer> play(ConfigurableApplicationContext instance, Calls.TestCall call,
                                                   String token) {
        int port = Instances.port(instance);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/recordings/"
                + call.callSid() + "/stream?business_id=acme")).header("Authorization", "Bearer " + token)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }
}
