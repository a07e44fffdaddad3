package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.devkit.LocalS3;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Following a download on two instances that share only a bucket: the spool is the downloading instance's own, and
 * the other reads the bytes so far from it (an internal endpoint, behind the peers' shared secret).
 */
class StreamWhileDownloadingOnABucketEndToEndTest extends FollowingDownloadsEndToEndTest {

    private static final String BUCKET = "following";
    private LocalS3 s3;

    @Override
    String prefix() {
        return "followbucket";
    }

    @Override
    Map<String, Object> properties() throws Exception {
        s3 = LocalS3.start(Files.createTempDirectory("recstream-s3-follow-")).withBucket(BUCKET);
        Map<String, Object> properties = Instances.isolated(INFRA, prefix(),
                Files.createTempDirectory("recstream-spool-follow-"));
        properties.putAll(Map.of("recstream.storage.type", "s3", "recstream.storage.s3.bucket", BUCKET,
                "recstream.storage.s3.endpoint", s3.endpoint(), "recstream.storage.s3.path-style", true,
                "recstream.storage.s3.access-key", LocalS3.ACCESS_KEY,
                "recstream.storage.s3.secret-key", LocalS3.SECRET_KEY,
                "recstream.peers.secret", "a-secret-the-instances-share", "recstream.peers.host", "127.0.0.1"));
        return properties;
    }

    @Override
    void afterTheInstances() {
        s3.close();
    }

    @Test
    void thePeersEndpoint_answersNothingWithoutTheSecret() throws Exception {
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port(0) + "/internal/partials/CA" + "0".repeat(32)))
                .header("X-Recstream-Peer-Secret", "a guess").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(404);
    }
}
