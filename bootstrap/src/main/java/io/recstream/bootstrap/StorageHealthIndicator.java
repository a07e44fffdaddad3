package io.recstream.bootstrap;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.unit.DataSize;

/**
 * The recordings volume is UP when it can be written and has room; it is part of readiness: an instance that can't
 * store recordings should not get traffic.
 */
class StorageHealthIndicator extends AbstractHealthIndicator {

    private final Path directory;
    private final DataSize minFree;

    StorageHealthIndicator(Path directory, DataSize minFree) {
        super("storage health check failed");
        this.directory = directory;
        this.minFree = minFree;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        long free = Files.getFileStore(directory).getUsableSpace();
        Path probe = Files.createTempFile(directory, ".health-", ".probe");
        Files.delete(probe);
        builder.withDetail("directory", directory.toString()).withDetail("free", free)
                .withDetail("minFree", minFree.toBytes());
        if (free < minFree.toBytes()) {
            builder.down().withDetail("reason", "less free space than recstream.storage.min-free");
        } else {
            builder.up();
        }
    }
}
