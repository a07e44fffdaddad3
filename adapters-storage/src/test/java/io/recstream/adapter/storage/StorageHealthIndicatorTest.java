package io.recstream.adapter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.unit.DataSize;

class StorageHealthIndicatorTest {

    @TempDir
    Path directory;

    @Test
    void writableWithRoom_isUp() {
        assertThat(StorageHealthIndicator.forDirectory(directory, DataSize.ofBytes(1), Clock.systemUTC()).health(true).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void lessFreeSpaceThanTheMinimum_isDown() {
        assertThat(StorageHealthIndicator.forDirectory(directory, DataSize.ofTerabytes(1_000_000), Clock.systemUTC()).health(true).getStatus())
                .isEqualTo(Status.DOWN);
    }

    @Test
    void aVolumeThatIsGone_isDown() throws IOException {
        Path gone = Files.createDirectory(directory.resolve("volume"));
        Files.delete(gone);

        assertThat(StorageHealthIndicator.forDirectory(gone, DataSize.ofBytes(1), Clock.systemUTC()).health(true).getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void anAnswer_isReusedForAFewSeconds_thenCheckedAgain() throws IOException {
        Path volume = Files.createDirectory(directory.resolve("volume"));
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        StorageHealthIndicator indicator = StorageHealthIndicator.forDirectory(volume, DataSize.ofBytes(1), clock);
        assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
        Files.delete(volume);

        now.set(now.get().plus(StorageHealthIndicator.REUSED_FOR).minusMillis(1));
        assertThat(indicator.health(true).getStatus()).as("reused").isEqualTo(Status.UP);
        now.set(now.get().plusMillis(1));
        assertThat(indicator.health(true).getStatus()).as("checked again").isEqualTo(Status.DOWN);
    }
}
