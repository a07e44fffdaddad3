package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.devkit.LocalS3;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Following a download on two instances that share only a bucket: the spool is the downloading instance's own, and
 * the other reads the bytes so far from it (an internal endpoint, behind the peers' shared secret).
 */
class StreamWhileDownloadingOnABucketEndToEndTest extends FollowingDownloadsEndToEndTest {

    private static final String BUCKET = "following";
    private static final String SECRET = "a-secret-the-instances-share";
    private LocalS3 s3;

    @Override
    String prefix() {
        return "followbucket";
    }

    /** One bucket for both instances, each with a spool of its own: no volume in common. */
    @Override
    Map<String, Object> properties() throws Exception {
        if (s3 == null) {
            s3 = LocalS3.start(Files.createTempDirectory("recstream-s3-follow-")).withBucket(BUCKET);
        }
        Map<String, Object> properties = Instances.isolated(INFRA, prefix(),
                Files.createTempDirectory("recstream-spool-follow-"));
        properties.putAll(Map.of("recstream.storage.type", "s3", "recstream.storage.s3.bucket", BUCKET,
                "recstream.storage.s3.endpoint", s3.endpoint(), "recstream.storage.s3.path-style", true,
                "recstream.storage.s3.access-key", LocalS3.ACCESS_KEY,
                "recstream.storage.s3.secret-key", LocalS3.SECRET_KEY,
                "recstream.peers.secret", SECRET, "recstream.peers.host", "127.0.0.1"));
        return properties;
    }

    @Override
    void afterTheInstances() {
        s3.close();
    }

    @Test
    void aDownloadInProgress_isSharedWithPeersShowingTheSecret_andWithNoOneElse() throws Exception {
        Calls.TestCall call = recorded(200_000);
        INFRA.twilio.dribbleMedia(call.recordingSid(), call.media(), 40, Duration.ofSeconds(8));
        String token = INFRA.tokens.mint("peer-check", List.of("acme"), Duration.ofMinutes(5));
        HttpClient http = HttpClient.newHttpClient();
        URI stream = URI.create("http://localhost:" + port(0) + "/api/recordings/" + call.callSid()
                + "/stream?business_id=acme");
        assertThat(http.send(HttpRequest.newBuilder(stream).header("Prefer", "wait=10")
                .header("Authorization", "Bearer " + token).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).as("audio can start").isEqualTo(200);

        for (int instance = 0; instance < 2; instance++) {
            URI partial = URI.create("http://localhost:" + port(instance) + "/internal/partials/" + call.callSid());
            assertThat(asPeer(http, partial, "a guess")).as("instance " + instance + ", a wrong secret").isEqualTo(404);
            assertThat(asPeer(http, partial, null)).as("instance " + instance + ", no secret").isEqualTo(404);
            assertThat(asPeer(http, partial, SECRET)).as("instance " + instance + ", the secret").isEqualTo(200);
        }
    }

    private static int asPeer(HttpClient http, URI partial, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(partial).method("HEAD", HttpRequest.BodyPublishers.noBody());
        if (secret != null) {
            request.header("X-Recstream-Peer-Secret", secret);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
