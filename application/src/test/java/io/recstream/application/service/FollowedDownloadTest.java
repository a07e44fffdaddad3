package io.recstream.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowedDownloadTest {

    @TempDir
    Path dir;

    /** The download writes its last bytes and ends just as its reader, ahead of it, asks whether it goes on. */
    @Test
    void aDownloadThatEndsAsItsReaderAsks_isReadWhole() throws IOException {
        byte[] recording = new byte[100_000];
        new Random(7).nextBytes(recording);
        Path partial = dir.resolve("partial");
        Files.write(partial, Arrays.copyOf(recording, 40_000));
        FollowedDownload followed = new FollowedDownload(() -> FileChannel.open(partial), recording.length, () -> {
            try {
                Files.write(partial, recording);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return false;
        });

        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try (SeekableByteChannel channel = followed.open()) {
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer.clear()) >= 0) {
                read.write(buffer.array(), 0, buffer.position());
            }
        }

        assertThat(read.toByteArray()).isEqualTo(recording);
    }
}
