package io.recstream.bootstrap;

import io.micrometer.core.instrument.MeterRegistry;
import io.recstream.adapter.storage.FileSystemRecordingStore;
import io.recstream.adapter.storage.MeteredRecordingStore;
import io.recstream.adapter.storage.PeerDownloads;
import io.recstream.adapter.storage.S3RecordingStore;
import io.recstream.adapter.storage.S3Settings;
import io.recstream.adapter.storage.SpoolFiles;
import io.recstream.adapter.storage.StorageHealthIndicator;
import io.recstream.adapter.storage.StorageUpkeep;
import io.recstream.application.port.out.PlayCache;
import io.recstream.application.port.out.RecordingStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The recordings store of {@code recstream.storage.type}: a directory or an S3 bucket, and what comes with it. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    /** The chosen store, this instance's play cache of it, its per-instance upkeep and health, and what to close. */
    record Storage(RecordingStore store, PlayCache cache, StorageUpkeep upkeep, StorageHealthIndicator health,
                   AutoCloseable resources)
            implements AutoCloseable {

        @Override
        public void close() throws Exception {
            resources.close();
        }
    }

    /** This instance's address as its peers reach it: its host, and its HTTP port once the server listens. */
    @Bean
    OwnAddress ownAddress(RecstreamProperties properties) {
        return new OwnAddress(properties.peers().host());
    }

    @Bean
    Storage storage(RecstreamProperties properties, Clock clock, OwnAddress ownAddress) {
        RecstreamProperties.Storage settings = properties.storage();
        Path dir = writableDirectory(settings.dir());
        return switch (settings.type()) {
            case FILESYSTEM -> {
                FileSystemRecordingStore store = new FileSystemRecordingStore(dir, settings.keepOpenFor());
                yield new Storage(store, store, store,
                        StorageHealthIndicator.forDirectory(dir, settings.minFree(), clock), () -> { });
            }
            case S3 -> {
                S3Settings s3 = s3Settings(settings.s3());
                String secret = properties.peers().secret();
                S3RecordingStore store = S3RecordingStore.connect(s3, dir, secret == null || secret.isBlank()
                        ? null : new PeerDownloads(secret, ownAddress::url));
                store.refusal().ifPresent(refusal -> {
                    store.close();
                    throw new InvalidSettingException("recstream.storage.s3.bucket", refusal,
                            "Create the bucket, or give credentials that may read and write it", null);
                });
                yield new Storage(store, store.playCache(), store, StorageHealthIndicator.forBucket(s3.bucket(),
                        bucket -> store.checkReachable(), dir, clock), store);
            }
        };
    }

    static Path writableDirectory(Path dir) {
        try {
            SpoolFiles.createPrivately(dir);
            Files.delete(Files.createTempFile(dir, ".startup-", ".probe"));
            return dir;
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidSettingException("recstream.storage.dir", dir.toAbsolutePath() + " is not a writable directory",
                    "Set it to a directory recstream can create and write, e.g. a mounted volume", e);
        }
    }

    private static S3Settings s3Settings(RecstreamProperties.S3 s3) {
        if (s3.bucket() == null || s3.bucket().isBlank()) {
            throw new InvalidSettingException("recstream.storage.s3.bucket", "no bucket is set",
                    "Name the bucket recordings are kept in, or set recstream.storage.type=filesystem", null);
        }
        if ((s3.accessKey() == null) != (s3.secretKey() == null)) {
            throw new InvalidSettingException("recstream.storage.s3.secret-key", "only one of the key pair is set",
                    "Set both access-key and secret-key, or neither to use the AWS default credentials chain", null);
        }
        return new S3Settings(s3.bucket(), s3.prefix(), s3.endpoint(), s3.region(), s3.pathStyle(), s3.accessKey(),
                s3.secretKey(), s3.maxConnections(), s3.connectTimeout(), s3.readTimeout(), s3.localCopyThreads());
    }

    /** The store the use cases see, with its failures counted. */
    @Bean
    RecordingStore meteredRecordingStore(Storage storage, MeterRegistry meters) {
        return new MeteredRecordingStore(storage.store(), meters);
    }

    @Bean
    StorageHealthIndicator storageHealthIndicator(Storage storage) {
        return storage.health();
    }
}
