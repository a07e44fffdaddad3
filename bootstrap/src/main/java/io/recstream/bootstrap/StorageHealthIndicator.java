package io.recstream.bootstrap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.unit.DataSize;

/**
 * The recordings volume: writable (a probe file is created and deleted) and with at least {@code minFree} free. The
 * answer is reused for {@link #REUSED_FOR}, so that probes polled often, or by anyone, cost one file a few seconds.
 */
class StorageHealthIndicator implements HealthIndicator {

    static final Duration REUSED_FOR = Duration.ofSeconds(5);

    private record Checked(Health health, Instant at) {
    }

    private final Path directory;
    private final DataSize minFree;
    private final Clock clock;
    private volatile Checked last;

    StorageHealthIndicator(Path directory, DataSize minFree, Clock clock) {
        this.directory = directory;
        this.minFree = minFree;
        this.clock = clock;
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
        Health.Builder builder = Health.unknown().withDetail("directory", directory.toString())
                .withDetail("minFree", minFree.toBytes());
        try {
            long free = Files.getFileStore(directory).getUsableSpace();
            Files.delete(Files.createTempFile(directory, ".health-", ".probe"));
            builder.withDetail("free", free);
            return free < minFree.toBytes()
                    ? builder.down().withDetail("reason", "less free space than recstream.storage.min-free").build()
                    : builder.up().build();
        } catch (Exception e) {
            return builder.down(e).build();
        }
    }
}
