package io.recstream.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.application.testing.TestIds;
import io.recstream.domain.AudioFormat;
import io.recstream.domain.CallSid;
import io.recstream.domain.FailureCause;
import io.recstream.domain.RecordingContent;
import io.recstream.domain.StoredRecording;
import io.recstream.domain.Waveform;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What every {@link RecordingStore} must do; each implementation's test extends this. */
public abstract class RecordingStoreContract {

    protected abstract RecordingStore store();

    protected static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    protected static byte[] readAll(StoredRecording recording) throws IOException {
        try (SeekableByteChannel channel = recording.content().open()) {
            ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // keep reading
            }
            return buffer.array();
        }
    }

    /** The bytes that a partial's content answers now, from {@code position} on. */
    private static byte[] readNow(RecordingContent content, long position) throws IOException {
        try (SeekableByteChannel channel = content.open()) {
            channel.position(position);
            ByteBuffer buffer = ByteBuffer.allocate(1_000_000);
            while (channel.read(buffer) > 0) {
                // until the end of what is written so far
            }
            return java.util.Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    @Test
    void aRecordingBeingWritten_canBeReadByItsPartialName_asItGrows_untilItIsPublished() throws IOException {
        CallSid sid = TestIds.aCallSid();
        byte[] bytes = randomBytes(300_000);
        String[] partial = {null};
        byte[][] seen = new byte[2][];

        store().save(sid, AudioFormat.MP3, sink -> {
            partial[0] = sink.partial().orElseThrow();
            sink.write(bytes, 0, 100_000);
            sink.flush();
            RecordingContent written = store().findPartial(sid, partial[0]).orElseThrow();
            seen[0] = readNow(written, 0);
            sink.write(bytes, 100_000, 100_000);
            sink.flush();
            seen[1] = readNow(written, 50_000);
            sink.write(bytes, 200_000, 100_000);
        });

        assertThat(seen[0]).as("the bytes written so far").isEqualTo(java.util.Arrays.copyOf(bytes, 100_000));
        assertThat(seen[1]).as("read again: more of them")
                .isEqualTo(java.util.Arrays.copyOfRange(bytes, 50_000, 200_000));
        assertThat(store().findPartial(sid, partial[0])).as("published: no partial any more").isEmpty();
        assertThat(readAll(store().find(sid).orElseThrow())).isEqualTo(bytes);
    }

    @Test
    void aPartialName_findsOnlyThatCallsRecordingBeingWritten() {
        CallSid sid = TestIds.aCallSid();
        CallSid other = TestIds.aCallSid();
        String[] partial = {null};
        boolean[] foundForAnother = {true};

        store().save(sid, AudioFormat.MP3, sink -> {
            partial[0] = sink.partial().orElseThrow();
            sink.write(new byte[] {1, 2, 3});
            foundForAnother[0] = store().findPartial(other, partial[0]).isPresent();
        });

        assertThat(foundForAnother[0]).as("another call's name").isFalse();
        assertThat(store().findPartial(sid, "../" + sid.value() + ".mp3")).isEmpty();
        assertThat(store().findPartial(sid, "never-written")).isEmpty();
    }

    @Test
    void unknownRecording_isNotFound() {
        assertThat(store().find(TestIds.aCallSid())).isEmpty();
    }

    @Test
    void savedRecording_isFoundWithItsExactBytesSizeAndFormat() throws IOException {
        CallSid sid = TestIds.aCallSid();
        byte[] bytes = randomBytes(200_000);

        StoredRecording saved = store().save(sid, AudioFormat.MP3, sink -> sink.write(bytes));
        StoredRecording found = store().find(sid).orElseThrow();

        assertThat(saved.sizeBytes()).isEqualTo(bytes.length);
        assertThat(found.sizeBytes()).isEqualTo(bytes.length);
        assertThat(found.format()).isEqualTo(AudioFormat.MP3);
        assertThat(found.sameVersionAs(saved)).isTrue();
        assertThat(readAll(found)).isEqualTo(bytes);
    }

    @Test
    void content_supportsPositionalReads() throws IOException {
        CallSid sid = TestIds.aCallSid();
        byte[] bytes = randomBytes(10_000);
        store().save(sid, AudioFormat.MP3, sink -> sink.write(bytes));

        try (SeekableByteChannel channel = store().find(sid).orElseThrow().content().open()) {
            channel.position(7_000);
            ByteBuffer buffer = ByteBuffer.allocate(3);
            channel.read(buffer);
            assertThat(buffer.array()).containsExactly(bytes[7_000], bytes[7_001], bytes[7_002]);
        }
    }

    @Test
    void failingWriter_leavesNothingVisible_andItsFailurePropagates() {
        CallSid sid = TestIds.aCallSid();
        assertThatThrownBy(() -> store().save(sid, AudioFormat.MP3, sink -> {
            sink.write(randomBytes(1000));
            throw new ProviderException(FailureCause.PROVIDER_ERROR, "connection reset mid-body");
        })).isInstanceOf(ProviderException.class);

        assertThat(store().find(sid)).isEmpty();
    }

    @Test
    void failingWriter_keepsTheEarlierRecordingIntact() throws IOException {
        CallSid sid = TestIds.aCallSid();
        byte[] original = randomBytes(5000);
        store().save(sid, AudioFormat.MP3, sink -> sink.write(original));

        assertThatThrownBy(() -> store().save(sid, AudioFormat.MP3, sink -> {
            sink.write(randomBytes(100));
            throw new IOException("disk went away");
        })).isInstanceOf(RuntimeException.class);

        assertThat(readAll(store().find(sid).orElseThrow())).isEqualTo(original);
    }

    @Test
    void aSecondWriter_publishesNothing_andIsAnsweredTheRecordingAlreadyThere() throws IOException {
        CallSid sid = TestIds.aCallSid();
        byte[] first = randomBytes(300);
        store().save(sid, AudioFormat.MP3, sink -> sink.write(first));

        StoredRecording second = store().save(sid, AudioFormat.MP3, sink -> sink.write(randomBytes(200)));

        assertThat(second.sizeBytes()).isEqualTo(first.length);
        assertThat(readAll(store().find(sid).orElseThrow())).isEqualTo(first);
    }

    @Test
    void writersRacingForOneRecording_publishExactlyOneOfThem_whole() throws Exception {
        CallSid sid = TestIds.aCallSid();
        List<byte[]> versions = List.of(randomBytes(40_000), randomBytes(40_001), randomBytes(40_002), randomBytes(40_003));
        java.util.concurrent.CyclicBarrier allWritten = new java.util.concurrent.CyclicBarrier(versions.size());
        try (var writers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<StoredRecording>> saves = versions.stream().map(bytes -> writers.submit(() ->
                    store().save(sid, AudioFormat.MP3, sink -> {
                        sink.write(bytes);
                        await(allWritten);
                    }))).toList();
            for (java.util.concurrent.Future<StoredRecording> save : saves) {
                assertThat(save.get().sizeBytes()).as("every writer is answered the one published")
                        .isEqualTo(store().find(sid).orElseThrow().sizeBytes());
            }
        }
        byte[] published = readAll(store().find(sid).orElseThrow());
        assertThat(versions).anySatisfy(version -> assertThat(version).isEqualTo(published));
    }

    private static void await(java.util.concurrent.CyclicBarrier barrier) throws IOException {
        try {
            barrier.await();
        } catch (InterruptedException | java.util.concurrent.BrokenBarrierException e) {
            throw new IOException(e);
        }
    }

    @Test
    void storedRecordings_listsWhatIsStored() {
        CallSid a = TestIds.aCallSid();
        CallSid b = TestIds.aCallSid();
        store().save(a, AudioFormat.MP3, sink -> sink.write(randomBytes(10)));
        store().save(b, AudioFormat.WAV, sink -> sink.write(randomBytes(10)));

        assertThat(store().storedRecordings()).contains(a, b);
        store().delete(a);
        assertThat(store().storedRecordings()).doesNotContain(a).contains(b);
    }

    @Test
    void deletingARecordingWhileItIsRead_leavesTheReaderTheWholeFile() throws IOException {
        CallSid sid = TestIds.aCallSid();
        byte[] bytes = randomBytes(300_000);
        store().save(sid, AudioFormat.MP3, sink -> sink.write(bytes));

        try (var channel = store().find(sid).orElseThrow().content().open()) {
            ByteBuffer head = ByteBuffer.allocate(1000);
            channel.read(head);
            assertThat(store().delete(sid)).isTrue();
            assertThat(store().find(sid)).isEmpty();

            ByteBuffer rest = ByteBuffer.allocate(bytes.length - 1000);
            while (rest.hasRemaining() && channel.read(rest) >= 0) {
                // keep reading
            }
            assertThat(rest.hasRemaining()).as("the reader got every byte").isFalse();
            assertThat(rest.array()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 1000, bytes.length));
        }
    }

    @Test
    void delete_removesTheRecording_once() {
        CallSid sid = TestIds.aCallSid();
        store().save(sid, AudioFormat.MP3, sink -> sink.write(randomBytes(10)));

        assertThat(store().delete(sid)).isTrue();
        assertThat(store().find(sid)).isEmpty();
        assertThat(store().delete(sid)).isFalse();
    }

    @Test
    void aWaveform_isKeptBesideItsRecording_createIfAbsent() {
        CallSid sid = TestIds.aCallSid();
        store().save(sid, AudioFormat.MP3, sink -> sink.write(randomBytes(10)));
        assertThat(store().findWaveform(sid)).isEmpty();

        Waveform first = new Waveform(2, 8000, 80, new byte[] {-3, 4, -100, 127, 0, 0, -128, 1});
        store().saveWaveform(sid, first);
        store().saveWaveform(sid, new Waveform(1, 44_100, 441, new byte[] {-1, 1}));

        assertThat(store().findWaveform(sid)).contains(first);
        assertThat(store().storedRecordings()).containsOnlyOnce(sid);
    }

    @Test
    void aWaveform_goesWithItsRecording() {
        CallSid deleted = TestIds.aCallSid();
        store().save(deleted, AudioFormat.MP3, sink -> sink.write(randomBytes(10)));
        store().saveWaveform(deleted, new Waveform(1, 8000, 80, new byte[] {-1, 1}));

        store().delete(deleted);

        assertThat(store().findWaveform(deleted)).isEmpty();
    }

    @Test
    void aDeletedRecording_canBePublishedAgain() throws IOException {
        CallSid sid = TestIds.aCallSid();
        store().save(sid, AudioFormat.MP3, sink -> sink.write(randomBytes(10)));
        store().delete(sid);
        byte[] again = randomBytes(20);

        store().save(sid, AudioFormat.MP3, sink -> sink.write(again));

        assertThat(readAll(store().find(sid).orElseThrow())).isEqualTo(again);
    }
}
