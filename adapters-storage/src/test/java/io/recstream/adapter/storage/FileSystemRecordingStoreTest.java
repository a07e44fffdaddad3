package io.recstream.adapter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.application.port.out.PlayCache;
import io.recstream.application.port.out.PlayCacheContract;
import io.recstream.application.port.out.RecordingStore;
import io.recstream.application.port.out.RecordingStoreContract;
import io.recstream.application.port.out.RecordingStoreException;
import io.recstream.application.service.CacheBudget;
import io.recstream.application.testing.MutableClock;
import io.recstream.application.testing.TestIds;
import io.recstream.domain.AudioFormat;
import io.recstream.domain.CallSid;
import io.recstream.domain.StoredRecording;
import io.recstream.devkit.SmallVolume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemRecordingStoreTest extends RecordingStoreContract {

    @TempDir
    Path directory;

    private FileSystemRecordingStore store;

    @Override
    protected RecordingStore store() {
        if (store == null) {
            store = new FileSystemRecordingStore(directory);
        }
        return store;
    }

    @Test
    void recordings_areReadableByTheServiceAndItsGroupOnly_inADirectoryOthersCannotEnter() throws IOException {
        Path created = directory.resolve("volume").resolve("recordings");
        FileSystemRecordingStore fresh = new FileSystemRecordingStore(created);
        CallSid sid = TestIds.aCallSid();
        fresh.save(sid, AudioFormat.MP3, sink -> sink.write(new byte[] {1}));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created.resolve(sid.value() + ".mp3"))))
                .isEqualTo("rw-r-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created))).isEqualTo("rwxr-x---");
    }

    @Test
    void recording_isKeptAsCallSidDotMp3() throws IOException {
        CallSid sid = TestIds.aCallSid();
        store().save(sid, AudioFormat.MP3, sink -> sink.write(new byte[] {1, 2}));

        assertThat(Files.readAllBytes(directory.resolve(sid.value() + ".mp3"))).containsExactly(1, 2);
    }

    @Test
    void whileWriting_nothingIsVisibleUnderTheFinalName() {
        CallSid sid = TestIds.aCallSid();
        store().save(sid, AudioFormat.MP3, sink -> {
            sink.write(randomBytes(100_000));
            sink.flush();
            assertThat(store().find(sid)).isEmpty();
            assertThat(Files.exists(directory.resolve(sid.value() + ".mp3"))).isFalse();
        });
        assertThat(store().find(sid)).isPresent();
    }

    @Test
    void aDownloadWaitingForItsFirstByte_hasCreatedNoFileYet_andItsBytesAreInItsPartialAsTheyCome() throws IOException {
        CallSid sid = TestIds.aCallSid();
        store().save(sid, AudioFormat.MP3, sink -> {
            try (Stream<Path> files = Files.list(directory)) {
                assertThat(files).isEmpty();
            }
            sink.write(new byte[] {1, 2});
            sink.flush();
            assertThat(directory.resolve(sink.partial().orElseThrow())).hasBinaryContent(new byte[] {1, 2});
        });
        assertThat(Files.readAllBytes(directory.resolve(sid.value() + ".mp3"))).containsExactly(1, 2);
    }

    @Test
    void aRecordingOfNoBytes_isStoredEmpty() throws IOException {
        CallSid sid = TestIds.aCallSid();
        store().save(sid, AudioFormat.MP3, sink -> { });

        assertThat(Files.readAllBytes(directory.resolve(sid.value() + ".mp3"))).isEmpty();
    }

    @Test
    void failedWrite_leavesNoTemporaryFileBehind() throws IOException {
        CallSid sid = TestIds.aCallSid();
        assertThatThrownBy(() -> store().save(sid, AudioFormat.MP3, sink -> {
            sink.write(randomBytes(10));
            throw new IOException("stream cut");
        })).isInstanceOf(RuntimeException.class);

        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void staleTempFiles_ofDeadWorkers_areSwept_butFreshOnesAndRecordingsStay() throws IOException {
        CallSid sid = TestIds.aCallSid();
        store().save(sid, AudioFormat.MP3, sink -> sink.write(new byte[] {1}));
        Path dead = Files.write(directory.resolve("." + TestIds.aCallSid().value() + ".dead.part"), new byte[] {9});
        Files.setLastModifiedTime(dead, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600)));
        Path live = Files.write(directory.resolve("." + TestIds.aCallSid().value() + ".live.part"), new byte[] {8});

        int removed = ((FileSystemRecordingStore) store()).removeStaleTempFiles(java.time.Duration.ofMinutes(10));

        assertThat(removed).isEqualTo(1);
        assertThat(dead).doesNotExist();
        assertThat(live).exists();
        assertThat(store().find(sid)).isPresent();
    }

    @Test
    void markingAPlay_keepsTheModificationTime_soTheEtagStays() {
        CallSid sid = TestIds.aCallSid();
        store().save(sid, AudioFormat.MP3, sink -> sink.write(new byte[] {1, 2, 3}));
        StoredRecording before = store().find(sid).orElseThrow();

        store().markPlayed(sid);

        assertThat(store().find(sid).orElseThrow().sameVersionAs(before)).isTrue();
    }

    @Test
    void playsOfARecording_writeItsAccessTimeOnceAMinute() throws IOException {
        Instant firstPlay = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        MutableClock clock = new MutableClock(firstPlay);
        FileSystemRecordingStore store = new FileSystemRecordingStore(directory, clock);
        CallSid sid = TestIds.aCallSid();
        store.save(sid, AudioFormat.MP3, sink -> sink.write(new byte[] {1, 2, 3}));
        Path file = directory.resolve(sid.value() + ".mp3");

        store.markPlayed(sid);
        assertThat(lastAccess(file)).isEqualTo(clock.instant());

        clock.advance(FileSystemRecordingStore.STAMP_INTERVAL.minusSeconds(1));
        store.markPlayed(sid);
        assertThat(lastAccess(file)).as("not written again within the interval").isEqualTo(firstPlay);

        clock.advance(Duration.ofSeconds(1));
        store.markPlayed(sid);
        assertThat(lastAccess(file)).as("written again once the interval has passed").isEqualTo(clock.instant());
    }

    @Test
    void aRecordingDeletedByAnotherInstance_isSeenGoneOnceOpened_orWithinAMinute() throws IOException {
        MutableClock clock = new MutableClock(Instant.now());
        FileSystemRecordingStore store = new FileSystemRecordingStore(directory, clock);
        FileSystemRecordingStore other = new FileSystemRecordingStore(directory, clock);
        CallSid opened = TestIds.aCallSid();
        CallSid notOpened = TestIds.aCallSid();
        for (CallSid sid : List.of(opened, notOpened)) {
            store.save(sid, AudioFormat.MP3, sink -> sink.write(new byte[] {1, 2, 3}));
            other.delete(sid);
        }

        StoredRecording remembered = store.find(opened).orElseThrow();
        assertThatThrownBy(() -> remembered.content().open()).isInstanceOf(java.nio.file.NoSuchFileException.class);
        assertThat(store.find(opened)).as("forgotten once found missing").isEmpty();

        assertThat(store.find(notOpened)).as("remembered: a play costs no stat").isPresent();
        clock.advance(FileSystemRecordingStore.STAMP_INTERVAL);
        assertThat(store.find(notOpened)).as("looked at again after a minute").isEmpty();
    }

    @Test
    void aRecordingStoredAgainByAnotherInstance_isFoundWithItsNewVersionOnceStoredHere() throws IOException {
        FileSystemRecordingStore other = new FileSystemRecordingStore(directory);
        CallSid sid = TestIds.aCallSid();
        StoredRecording first = store().save(sid, AudioFormat.MP3, sink -> sink.write(new byte[] {1, 2, 3}));
        other.delete(sid);
        other.save(sid, AudioFormat.MP3, sink -> sink.write(new byte[] {1, 2, 3, 4}));

        StoredRecording again = store().save(sid, AudioFormat.MP3, sink -> sink.write(new byte[] {9}));

        assertThat(again.sameVersionAs(first)).isFalse();
        assertThat(again.sizeBytes()).isEqualTo(4);
    }

    private static Instant lastAccess(Path file) throws IOException {
        return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).lastAccessTime().toInstant();
    }

    @Test
    void aDamagedWaveformFile_isTheStoresFailure_notAWaveform() throws IOException {
        CallSid sid = TestIds.aCallSid();
        store().save(sid, AudioFormat.MP3, sink -> sink.write(new byte[] {1}));
        Files.writeString(directory.resolve(sid.value() + ".peaks"), "{\"version\":2}");

        assertThatThrownBy(() -> store().findWaveform(sid)).isInstanceOf(RecordingStoreException.class);
    }

    @Test
    void wavRecordings_areFoundToo() {
        CallSid sid = TestIds.aCallSid();
        store().save(sid, AudioFormat.WAV, sink -> sink.write(new byte[] {1}));

        assertThat(store().find(sid).orElseThrow().format()).isEqualTo(AudioFormat.WAV);
    }

    @Nested
    class OnASmallRealVolume {

        private static final int MB = 1024 * 1024;

        @Test
        void aFullVolume_isTheStoresFailure_leavingNothingBehind() throws IOException {
            Assumptions.assumeTrue(SmallVolume.mountable(), "mounting a tmpfs needs root (CI has it)");
            try (SmallVolume volume = SmallVolume.mount(2L * MB)) {
                FileSystemRecordingStore small = new FileSystemRecordingStore(volume.path());
                CallSid sid = TestIds.aCallSid();

                assertThatThrownBy(() -> small.save(sid, AudioFormat.MP3, sink -> {
                    for (int i = 0; i < 3; i++) {
                        sink.write(randomBytes(MB));
                    }
                })).isInstanceOf(RecordingStoreException.class).hasMessageContaining(sid.value());

                assertThat(small.find(sid)).isEmpty();
                try (var left = Files.list(volume.path())) {
                    assertThat(left).isEmpty();
                }
            }
        }

        @Test
        void asAPlayCache_theBudgetKeepsTheFreeSpaceAsked_evictingTheLeastRecentlyPlayed() throws IOException {
            Assumptions.assumeTrue(SmallVolume.mountable(), "mounting a tmpfs needs root (CI has it)");
            try (SmallVolume volume = SmallVolume.mount(4L * MB)) {
                FileSystemRecordingStore small = new FileSystemRecordingStore(volume.path());
                List<CallSid> stored = new java.util.ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    CallSid sid = TestIds.aCallSid();
                    small.save(sid, AudioFormat.MP3, sink -> sink.write(randomBytes(MB)));
                    stored.add(sid);
                }
                small.markPlayed(stored.get(0));
                Files.setAttribute(volume.path().resolve(stored.get(1).value() + ".mp3"), "lastAccessTime",
                        java.nio.file.attribute.FileTime.fromMillis(0));

                List<CallSid> evicted = new CacheBudget(Long.MAX_VALUE, 2L * MB).overBudget(small.held(),
                        small.freeBytes());
                evicted.forEach(small::evict);

                assertThat(evicted).first().isEqualTo(stored.get(1));
                assertThat(Files.getFileStore(volume.path()).getUsableSpace()).isGreaterThanOrEqualTo(2L * MB);
                assertThat(small.find(stored.get(0))).as("the most recently played stays").isPresent();
            }
        }
    }

    /** As a play cache: plays stamped by a clock an hour ahead, later than any file's own times. */
    @Nested
    class AsAPlayCache extends PlayCacheContract {
        @TempDir
        Path cacheDirectory;
        private final MutableClock clock = new MutableClock(Instant.now().plus(Duration.ofHours(1)));
        private FileSystemRecordingStore cache;

        @Override
        protected RecordingStore store() {
            if (cache == null) {
                cache = new FileSystemRecordingStore(cacheDirectory, clock);
            }
            return cache;
        }

        @Override
        protected PlayCache cache() {
            store();
            return cache;
        }

        @Override
        protected void later() {
            clock.advance(FileSystemRecordingStore.STAMP_INTERVAL);
        }
    }
}
