package io.recstream.adapter.storage;

import java.net.URI;
import java.time.Duration;

/**
 * Where the recordings bucket is and how to reach it.
 *
 * @param endpoint       null for AWS itself; an S3-compatible server's URL otherwise
 * @param accessKey      null to use the AWS default credentials chain (environment, profile, instance role)
 * @param maxConnections connections to the object store: each play of a recording from the bucket holds one while
 *                       its bytes are sent
 * @param localCopyThreads how many local copies of recordings played here this instance makes at once (0: none;
 *                         copies asked for past these and a short queue are made at a later play)
 */
public record S3Settings(String bucket, String prefix, URI endpoint, String region, boolean pathStyle,
                         String accessKey, String secretKey, int maxConnections, Duration connectTimeout,
                         Duration readTimeout, int localCopyThreads) {

    public S3Settings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("a bucket is required");
        }
        prefix = prefix == null ? "" : prefix;
    }
}
