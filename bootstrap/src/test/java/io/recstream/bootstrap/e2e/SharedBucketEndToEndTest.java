package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.recstream.devkit.LocalS3;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances that share only an S3 bucket (S3Proxy here), no volume: one downloads each recording, both serve it,
 * with the same validators and the same range answers as from disk, first from the bucket, then from the local copy
 * each instance keeps of what it played.
 */
class SharedBucketEndToEndTest {

    private static final Infrastructure INFRA = Infrastructure.get();
    private static final String PREFIX = "bucket";
    private static final String BUCKET = "shared-recordings";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalS3 s3;
    private static final List<Path> spools = new ArrayList<>();
    private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @BeforeAll
    static void startTwoInstancesOnOneBucket() throws Exception {
        s3 = LocalS3.start(Files.createTempDirectory("recstream-s3-")).withBucket(BUCKET);
        List<CompletableFuture<ConfigurableApplicationContext>> starting = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path spool = Files.createTempDirectory("recstream-spool-");
            spools.add(spool);
            Map<String, Object> properties = Instances.isolated(INFRA, PREFIX, spool);
            properties.putAll(Map.of("recstream.storage.type", "s3",
                    "recstream.storage.s3.bucket", BUCKET,
                    "recstream.storage.s3.endpoint", s3.endpoint(),
                    "recstream.storage.s3.path-style", true,
                    "recstream.storage.s3.access-key", LocalS3.ACCESS_KEY,
                    "recstream.storage.s3.secret-key", LocalS3.SECRET_KEY));
            starting.add(CompletableFuture.supplyAsync(() -> Instances.startInThisJvm(properties)));
        }
        starting.forEach(instance -> instances.add(instance.join()));
    }

    @AfterAll
    static void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
        s3.close();
    }

    @Test
    void oneDownloads_bothServe_theSameAnswers_fromTheBucketAndThenFromLocalCopies() throws Exception {
        Calls calls = new Calls(INFRA, PREFIX + ".calls");
        List<Calls.TestCall> recorded = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            recorded.add(calls.recorded("acme", Duration.ofHours(1), 300_000 + i, Duration.ofMillis(300)));
        }
        String token = INFRA.tokens.mint("bucket-agent", List.of("acme"), Duration.ofMinutes(10));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> recorded.stream()
                .flatMap(call -> instances.stream().map(instance -> get(instance, call, token, Map.of())))
                .toList().stream().map(CompletableFuture::join).allMatch(response -> response.statusCode() == 200));

        for (Calls.TestCall call : recorded) {
            assertThat(INFRA.twilio.mediaDownloads(call.recordingSid())).as(call.callSid()).isEqualTo(1);
            assertTheSameAnswersOnBoth(call, token);
        }
        // Played, each recording gets a local copy on each instance: served from the file, answered alike.
        for (Path spool : spools) {
            await().atMost(Duration.ofSeconds(30)).until(() -> copiesIn(spool) == recorded.size());
            try (Stream<Path> left = Files.list(spool)) {
                assertThat(left.filter(Files::isRegularFile)).as("nothing left spooled in " + spool).isEmpty();
            }
        }
        for (Calls.TestCall call : recorded) {
            assertTheSameAnswersOnBoth(call, token);
        }
    }

    private static long copiesIn(Path spool) throws IOException {
        Path copies = spool.resolve("copies");
        if (!Files.isDirectory(copies)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(copies)) {
            return files.filter(file -> file.getFileName().toString().startsWith("CA")).count();
        }
    }

    private static void assertTheSameAnswersOnBoth(Calls.TestCall call, String token) {
        List<HttpResponse<byte[]>> whole = onBoth(call, token, Map.of());
        assertThat(whole).allSatisfy(response -> assertThat(response.body()).isEqualTo(call.media()));
        assertThat(header(whole.get(0), "ETag")).isEqualTo(header(whole.get(1), "ETag"));
        assertThat(header(whole.get(0), "Last-Modified")).isEqualTo(header(whole.get(1), "Last-Modified"));

        List<HttpResponse<byte[]>> ranged = onBoth(call, token, Map.of("Range", "bytes=1000-1999"));
        assertThat(ranged).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(206);
            assertThat(header(response, "Content-Range")).isEqualTo("bytes 1000-1999/" + call.media().length);
            assertThat(response.body()).isEqualTo(Arrays.copyOfRange(call.media(), 1000, 2000));
        });

        List<HttpResponse<byte[]>> multipart = onBoth(call, token, Map.of("Range", "bytes=0-9,200000-200009"));
        assertThat(multipart).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(206);
            assertThat(header(response, "Content-Type")).startsWith("multipart/byteranges");
        });

        assertThat(onBoth(call, token, Map.of("Range", "bytes=999999999-"))).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(416);
            assertThat(header(response, "Content-Range")).isEqualTo("bytes */" + call.media().length);
        });

        assertThat(onBoth(call, token, Map.of("If-None-Match", header(whole.get(0), "ETag"))))
                .allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(304));
    }

    private static List<HttpResponse<byte[]>> onBoth(Calls.TestCall call, String token, Map<String, String> headers) {
        return instances.stream().map(instance -> get(instance, call, token, headers)).toList().stream()
                .map(CompletableFuture::join).toList();
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static CompletableFuture<HttpResponse<byte[]>> get(ConfigurableApplicationContext instance,
                                                               Calls.TestCall call, String token,
                                                               Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + Instances.port(instance)
                + "/api/recordings/" + call.callSid() + "/stream?business_id=acme"))
                .header("Authorization", "Bearer " + token);
        headers.forEach(request::header);
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
