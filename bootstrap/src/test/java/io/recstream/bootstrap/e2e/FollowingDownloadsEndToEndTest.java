package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * A recording that Twilio sends slowly plays from its first bytes, on the instance that downloads it and on another
 * one (sharing its volume, or only a bucket): the held ask answers {@code 200} once audio can start, a range is
 * answered with a body that follows the download, and the status says how far it came. A body that breaks off ends
 * the answers that follow it as errors (never a short recording presented as whole), and the next play gets the
 * recording whole.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FollowingDownloadsEndToEndTest {

    static final Infrastructure INFRA = Infrastructure.get();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration TRICKLE = Duration.ofSeconds(8);

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private Calls calls;

    /** The topics' and groups' prefix of the two instances. */
    abstract String prefix();

    /** One instance's settings, asked for each of the two: their store (shared, or each its own spool). */
    abstract Map<String, Object> properties() throws Exception;

    @BeforeAll
    void startTwoInstances() throws Exception {
        String prefix = prefix();
        Map<String, Object> first = properties();
        Map<String, Object> second = properties();
        List<CompletableFuture<ConfigurableApplicationContext>> starting = List.of(
                CompletableFuture.supplyAsync(() -> Instances.startInThisJvm(first)),
                CompletableFuture.supplyAsync(() -> Instances.startInThisJvm(second)));
        starting.forEach(instance -> instances.add(instance.join()));
        await().atMost(Duration.ofSeconds(30)).until(() -> instances.stream().allMatch(instance ->
                !instance.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer(prefix + "-downloaders")
                        .getAssignedPartitions().isEmpty()));
        calls = new Calls(INFRA, prefix + ".calls");
    }

    @AfterAll
    void stop() throws Exception {
        instances.forEach(ConfigurableApplicationContext::close);
        afterTheInstances();
    }

    /** What goes once the instances have stopped (what they used). */
    void afterTheInstances() throws Exception {
    }

    /**
     * A call of business acme whose recording of {@code size} bytes Twilio has, once both instances know it from the
     * calls topic (a play before that is a 404).
     */
    Calls.TestCall recorded(int size) {
        Calls.TestCall call = calls.recorded("acme", Duration.ofHours(1), size, Duration.ZERO);
        await().atMost(Duration.ofSeconds(20)).until(() -> send(0, call, "GET", Map.of(), "/status").statusCode() == 200
                && send(1, call, "GET", Map.of(), "/status").statusCode() == 200);
        return call;
    }

    /** The HTTP port of instance 0 or 1. */
    int port(int instance) {
        return Instances.port(instances.get(instance));
    }

    @Test
    void aRecordingTwilioTrickles_playsOnEitherInstance_fromItsFirstBytes() throws Exception {
        Calls.TestCall call = recorded(400_000);
        INFRA.twilio.dribbleMedia(call.recordingSid(), call.media(), 40, TRICKLE);
        long started = System.nanoTime();
        assertThat(send(0, call, "GET", Map.of()).statusCode()).isEqualTo(202);

        for (int instance = 0; instance < 2; instance++) {
            HttpResponse<byte[]> held = send(instance, call, "HEAD", Map.of("Prefer", "wait=10"));
            assertThat(held.statusCode()).as("instance " + instance).isEqualTo(200);
            assertThat(held.headers().firstValueAsLong("Content-Length")).hasValue(call.media().length);
            assertThat(held.headers().firstValue("Cache-Control")).as("not the stored recording yet").hasValue("no-store");
        }
        Duration firstAudio = Duration.ofNanos(System.nanoTime() - started);
        String status = new String(send(1, call, "GET", Map.of(), "/status").body());
        assertThat(firstAudio).as("both answered while Twilio still sends").isLessThan(TRICKLE.dividedBy(2));
        assertThat(status).contains("\"status\":\"processing\"", "\"totalBytes\":" + call.media().length)
                .containsPattern("\"receivedBytes\":[1-9]");

        CompletableFuture<HttpResponse<byte[]>> whole = CompletableFuture.supplyAsync(() ->
                send(1, call, "GET", Map.of("Range", "bytes=0-")));
        HttpResponse<byte[]> middle = send(0, call, "GET", Map.of("Range", "bytes=300000-300099"));

        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(call.media(), 300_000, 300_100));
        assertThat(whole.join().statusCode()).isEqualTo(206);
        assertThat(whole.join().headers().firstValue("Content-Range")).hasValue("bytes 0-399999/400000");
        assertThat(whole.join().body()).isEqualTo(call.media());
        assertThat(INFRA.twilio.mediaDownloads(call.recordingSid())).as("downloaded once").isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> send(0, call, "GET", Map.of()).headers()
                .firstValue("ETag").isPresent());
    }

    @Test
    void aBodyThatBreaksOff_endsTheAnswerFollowingIt_asAnError_andTheNextPlayIsWhole() {
        Calls.TestCall call = recorded(300_000);
        INFRA.twilio.cutMedia(call.recordingSid(), call.media(), 150_000, 15, Duration.ofSeconds(3));
        assertThat(send(0, call, "GET", Map.of()).statusCode()).isEqualTo(202);
        assertThat(send(1, call, "HEAD", Map.of("Prefer", "wait=10")).statusCode()).isEqualTo(200);

        assertThatThrownBy(() -> HTTP.send(request(1, call, "GET", Map.of("Range", "bytes=0-"), "/stream"),
                HttpResponse.BodyHandlers.ofByteArray())).as("cut before its Content-Length")
                .isInstanceOf(IOException.class);

        INFRA.twilio.healMedia(call.recordingSid());
        // A play may still follow the download that is breaking off, and be cut with it: it asks again, as a player does.
        HttpResponse<byte[]> replayed = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                .until(() -> send(0, call, "GET", Map.of()), response -> response.statusCode() == 200
                        && response.headers().firstValue("ETag").isPresent());
        assertThat(replayed.body()).isEqualTo(call.media());
    }

    private HttpRequest request(int instance, Calls.TestCall call, String method, Map<String, String> headers,
                                       String endpoint) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:"
                        + Instances.port(instances.get(instance)) + "/api/recordings/" + call.callSid() + endpoint
                        + "?business_id=acme"))
                .header("Authorization", "Bearer " + INFRA.tokens.mint("follower", List.of("acme"), Duration.ofMinutes(5)))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        return request.build();
    }

    private HttpResponse<byte[]> send(int instance, Calls.TestCall call, String method,
                                             Map<String, String> headers) {
        return send(instance, call, method, headers, "/stream");
    }

    private HttpResponse<byte[]> send(int instance, Calls.TestCall call, String method,
                                             Map<String, String> headers, String endpoint) {
        try {
            return HTTP.send(request(instance, call, method, headers, endpoint), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
