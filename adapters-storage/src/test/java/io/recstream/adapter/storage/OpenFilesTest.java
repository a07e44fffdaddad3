package io.recstream.adapter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counted by the process's own open descriptors (Linux's /proc/self/fd): what the kernel holds, not what we think. */
class OpenFilesTest {

    private static final Duration LONG = Duration.ofMinutes(5);

    @TempDir
    Path directory;

    private Path recording;

    @BeforeEach
    void aRecording() throws IOException {
        recording = Files.write(directory.resolve("CA1.mp3"), new byte[] {10, 11, 12, 13, 14, 15});
    }

    @Test
    void playsOfOneRecording_shareOneDescriptor_eachReadingAtItsOwnPosition() throws IOException {
        OpenFiles files = new OpenFiles(16, LONG);
        try (FileChannel first = files.open(recording); FileChannel second = files.open(recording)) {
            second.position(4);
            assertThat(next(first)).isEqualTo((byte) 10);
            assertThat(next(second)).isEqualTo((byte) 14);
            assertThat(next(first)).isEqualTo((byte) 11);
            ByteBuffer atThree = ByteBuffer.allocate(1);
            first.read(atThree, 3);
            assertThat(atThree.get(0)).isEqualTo((byte) 13);
            assertThat(descriptorsOf(recording)).isEqualTo(1);
        }
        assertThat(descriptorsOf(recording)).as("kept open for the next range").isEqualTo(1);
        try (FileChannel again = files.open(recording)) {
            assertThat(descriptorsOf(recording)).isEqualTo(1);
        }
    }

    @Test
    void aForgottenRecording_closesOnceItsLastPlayIsDone_andOpensAfreshForTheNext() throws IOException {
        OpenFiles files = new OpenFiles(16, LONG);
        FileChannel reading = files.open(recording);
        files.forget(recording);
        assertThat(next(reading)).as("a play in progress reads on").isEqualTo((byte) 10);
        assertThat(descriptorsOf(recording)).isEqualTo(1);

        reading.close();
        assertThat(descriptorsOf(recording)).isZero();
        try (FileChannel next = files.open(recording)) {
            assertThat(next(next)).isEqualTo((byte) 10);
            assertThat(descriptorsOf(recording)).isEqualTo(1);
        }
    }

    @Test
    void anIdleRecording_closesByItself_andOneOverCapacityToo() throws IOException {
        Path other = Files.write(directory.resolve("CA2.mp3"), new byte[] {20});
        OpenFiles idleSoon = new OpenFiles(16, Duration.ofMillis(200));
        idleSoon.open(recording).close();
        await().atMost(Duration.ofSeconds(10)).until(() -> descriptorsOf(recording) == 0);

        OpenFiles one = new OpenFiles(1, LONG);
        one.open(recording).close();
        one.open(other).close();
        await().atMost(Duration.ofSeconds(10)).until(() -> descriptorsOf(recording) + descriptorsOf(other) == 1);
    }

    @Test
    void aClosedPlay_readsNoMore_andNoPlayWrites() throws IOException {
        OpenFiles files = new OpenFiles(16, LONG);
        FileChannel kept = files.open(recording);
        FileChannel closed = files.open(recording);
        closed.close();

        assertThatThrownBy(() -> next(closed)).isInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(() -> kept.write(ByteBuffer.allocate(1))).isInstanceOf(NonWritableChannelException.class);
        assertThat(next(kept)).isEqualTo((byte) 10);
        kept.close();
    }

    @Test
    void keptForNoTime_eachPlayOpensItsOwn_andClosesIt() throws IOException {
        OpenFiles none = new OpenFiles(16, Duration.ZERO);
        FileChannel first = none.open(recording);
        FileChannel second = none.open(recording);
        assertThat(descriptorsOf(recording)).isEqualTo(2);
        first.close();
        second.close();
        assertThat(descriptorsOf(recording)).isZero();
    }

    @Test
    void aMissingRecording_isSaidMissing() {
        OpenFiles files = new OpenFiles(16, LONG);
        assertThatThrownBy(() -> files.open(directory.resolve("CA3.mp3"))).isInstanceOf(NoSuchFileException.class);
    }

    private static byte next(FileChannel channel) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        assertThat(channel.read(one)).isEqualTo(1);
        return one.get(0);
    }

    private static long descriptorsOf(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.filter(descriptor -> {
                try {
                    return Files.readSymbolicLink(descriptor).equals(target);
                } catch (IOException gone) {
                    return false; // closed while listed (the listing's own descriptor among them)
                }
            }).count();
        }
    }
}
