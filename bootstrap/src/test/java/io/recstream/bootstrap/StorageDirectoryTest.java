package io.recstream.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageDirectoryTest {

    @Test
    void aRecordingsDirectoryTheServiceCreates_isReadableByItsUserAndGroupOnly(@TempDir Path parent) throws Exception {
        Path recordings = parent.resolve("data").resolve("recordings");

        StorageConfiguration.writableDirectory(recordings);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(recordings))).isEqualTo("rwxr-x---");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(recordings.getParent())))
                .as("a parent it had to create too").isEqualTo("rwxr-x---");
    }
}
