package io.recstream.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * A real S3-compatible server (S3Proxy, embedded in this JVM) keeping its buckets as folders under a directory, with
 * AWS signature checking on, on a loopback port.
 */
public final class LocalS3 implements AutoCloseable {

    public static final String ACCESS_KEY = "local-access-key";
    public static final String SECRET_KEY = "local-secret-key-of-the-devkit";

    private final S3Proxy proxy;
    private final CountingBlobStore store;
    private final Path directory;
    private final int port;

    private LocalS3(Path directory, int port) {
        this.directory = directory;
        this.port = port;
        try {
            Files.createDirectories(directory);
            store = new CountingBlobStore(new FilesystemNio2BlobStore(directory.toAbsolutePath().toString()));
            proxy = S3Proxy.builder()
                    .blobStore(store)
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy", e);
        }
    }

    /** Starts a server keeping its buckets under {@code directory}. */
    public static LocalS3 start(Path directory) {
        return new LocalS3(directory, FreePorts.next());
    }

    /** Starts this server again after {@link #close()}, on the same directory and endpoint, as a store come back. */
    public LocalS3 restarted() {
        return new LocalS3(directory, port);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * The requests answered since this server started, by kind: PUT, HEAD, GET (of a whole object), GET range, LIST,
     * DELETE; and "GET bytes", the bytes its GETs answered.
     */
    public Map<String, Long> requests() {
        return store.counts();
    }

    /** Creates a bucket (a folder) if it is not there. */
    public LocalS3 withBucket(String bucket) {
        try {
            Files.createDirectories(directory.resolve(bucket));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops answering, as an object store that went down; {@link #restarted()} resumes it. */
    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop S3Proxy", e);
        }
    }
}
