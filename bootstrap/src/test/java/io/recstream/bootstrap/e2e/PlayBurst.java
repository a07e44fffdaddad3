package io.recstream.bootstrap.e2e;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * First plays of many recordings on several instances, as agents click: each played again after a 202 or 503,
 * alternating between the instances, until a 200; every answer is kept, with when it came.
 */
final class PlayBurst {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PAUSE = Duration.ofMillis(200); // the player's pause between attempts, shortened

    record Answer(int status, String body, boolean retryAfter, String etag, Instant at) {
    }

    private final List<ConfigurableApplicationContext> instances;
    private final String token;
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();

    PlayBurst(List<ConfigurableApplicationContext> instances, String token) {
        this.instances = instances;
        this.token = token;
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    /** Calls reported on the calls topic, once every instance's directory knows them (asked without playing). */
    List<Calls.TestCall> registered(Calls calls, int count) {
        List<Calls.TestCall> recorded = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            recorded.add(calls.recorded("acme", Duration.ofHours(1), 40_000 + i, Duration.ofMillis(300)));
        }
        for (Calls.TestCall call : recorded) {
            for (int instance = 0; instance < instances.size(); instance++) {
                int asked = instance;
                await().atMost(Duration.ofSeconds(30)).until(() -> send(call, asked, "status").statusCode() == 200);
            }
        }
        return recorded;
    }

    /**
     * Clicks Play on each call, 50 ms apart, and does {@code midway} after a third of them.
     *
     * @return the bytes each play finally got, in the order of {@code calls}
     */
    List<byte[]> play(List<Calls.TestCall> calls, Runnable midway) throws Exception {
        List<CompletableFuture<byte[]>> plays = new ArrayList<>();
        try (ExecutorService players = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < calls.size(); i++) {
                Calls.TestCall call = calls.get(i);
                int first = i % instances.size();
                plays.add(CompletableFuture.supplyAsync(() -> playUntilReady(call, first), players));
                if (i == calls.size() / 3) {
                    midway.run();
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
            List<byte[]> bodies = new ArrayList<>();
            for (CompletableFuture<byte[]> play : plays) {
                bodies.add(play.get(120, TimeUnit.SECONDS));
            }
            return bodies;
        }
    }

    private byte[] playUntilReady(Calls.TestCall call, int firstInstance) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        for (int attempt = 0; Instant.now().isBefore(deadline); attempt++) {
            HttpResponse<byte[]> response = send(call, (firstInstance + attempt) % instances.size(), "stream");
            answers.add(new Answer(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8),
                    response.headers().firstValue("Retry-After").isPresent(),
                    response.headers().firstValue("ETag").orElse(null), Instant.now()));
            if (response.statusCode() == 200) {
                return response.body();
            }
            try {
                TimeUnit.MILLISECONDS.sleep(PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError(call.callSid() + " never became ready");
    }

    HttpResponse<byte[]> send(Calls.TestCall call, int instance, String endpoint) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + Instances.port(instances.get(instance))
                + "/api/recordings/" + call.callSid() + "/" + endpoint + "?business_id=acme"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError("no answer from instance " + instance, e);
        }
    }
}
