package io.recstream.adapter.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.unit.DataSize;

/**
 * The recordings store: reachable and writable. The answer is reused for {@link #REUSED_FOR}, so that probes polled
 * often, or by anyone, cost the store one check every few seconds.
 */
public final class StorageHealthIndicator implements HealthIndicator {

    static final Duration REUSED_FOR = Duration.ofSeconds(5);

    /** Adds what it found to the builder and says up or down; throwing says down. */
    @FunctionalInterface
    interface Check {
        void into(Health.Builder builder) throws Exception;
    }

    private record Checked(Health health, Instant at) {
    }

    private final Check check;
    private final Clock clock;
    private volatile Checked last;

    private StorageHealthIndicator(Check check, Clock clock) {
        this.check = check;
        this.clock = clock;
    }

    /** A directory: writable (a probe file is created and deleted) and with at least {@code minFree} free. */
    public static StorageHealthIndicator forDirectory(Path directory, DataSize minFree, Clock clock) {
        return new StorageHealthIndicator(builder -> {
            builder.withDetail("directory", directory.toString()).withDetail("minFree", minFree.toBytes());
            long free = Files.getFileStore(directory).getUsableSpace();
            probeWritable(directory);
            builder.withDetail("free", free);
            if (free < minFree.toBytes()) {
                builder.down().withDetail("reason", "less free space than recstream.storage.min-free");
            } else {
                builder.up();
            }
        }, clock);
    }

    /** A bucket: it answers (reachable, it exists, the credentials are good), and the local spool is writable. */
    public static StorageHealthIndicator forBucket(String bucket, Consumer<String> reachBucket, Path spool,
                                                   Clock clock) {
        return new StorageHealthIndicator(builder -> {
            builder.withDetail("bucket", bucket).withDetail("spool", spool.toString());
            reachBucket.accept(bucket);
            probeWritable(spool);
            builder.up();
        }, clock);
    }

    private static void probeWritable(Path directory) throws IOException {
        Files.delete(Files.createTempFile(directory, ".health-", ".probe"));
    }

    @Override
    public Health health(boolean includeDetails) {
        Checked checked = last;
        Instant now = clock.instant();
        if (checked == null || !now.isBefore(checked.at().plus(REUSED_FOR))) {
            checked = new Checked(check(), now);
            last = checked;
        }
        return includeDetails ? checked.health() : Health.status(checked.health().getStatus()).build();
    }

    @Override
    public Health health() {
        return health(true);
    }

    private Health check() {
        Health.Builder builder = Health.unknown();
        try {
            check.into(builder);
            return builder.build();
        } catch (Exception e) {
            return builder.down(e).build();
        }
    }
}
