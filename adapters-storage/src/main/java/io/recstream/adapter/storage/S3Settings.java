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
 * @param localCopiesBytes how much this instance may keep of local copies of recordings played here (0: none)
 */
public record S3Settings(String bucket, String prefix, URI endpoint, String region, boolean pathStyle,
                         String accessKey, String secretKey, int maxConnections, Duration connectTimeout,
                         Duration readTimeout, long localCopiesBytes) {

    public S3Settings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("a bucket is required");
        }
        prefix = prefix == null ? "" : prefix;
    }
}
