package io.recstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.unit.DataSize;

class StorageHealthIndicatorTest {

    @TempDir
    Path directory;

    @Test
    void writableWithRoom_isUp() {
        assertThat(new StorageHealthIndicator(directory, DataSize.ofBytes(1)).health(true).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void lessFreeSpaceThanTheMinimum_isDown() {
        assertThat(new StorageHealthIndicator(directory, DataSize.ofTerabytes(1_000_000)).health(true).getStatus())
                .isEqualTo(Status.DOWN);
    }

    @Test
    void aVolumeThatIsGone_isDown() throws IOException {
        Path gone = Files.createDirectory(directory.resolve("volume"));
        Files.delete(gone);

        assertThat(new StorageHealthIndicator(gone, DataSize.ofBytes(1)).health(true).getStatus()).isEqualTo(Status.DOWN);
    }
}
