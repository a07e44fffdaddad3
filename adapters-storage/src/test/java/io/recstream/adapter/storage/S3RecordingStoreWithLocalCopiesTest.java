package io.recstream.adapter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.recstream.application.testing.TestIds;
import io.recstream.domain.AudioFormat;
import io.recstream.domain.CallSid;
import io.recstream.domain.StoredRecording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The S3 store with local copies: the same contract and S3 behaviour, and what the copies add. */
class S3RecordingStoreWithLocalCopiesTest extends S3RecordingStoreTest {

    @Override
    protected long localCopiesBytes() {
        return 10L * 1024 * 1024;
    }

    @Override
    protected void awaitLocalCopy(S3RecordingStore instance, CallSid sid) {
        await().atMost(Duration.ofSeconds(10)).until(() -> instance.find(sid).orElseThrow().content().file().isPresent());
    }

    private StoredRecording copied(CallSid sid) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> store().find(sid).orElseThrow(),
                found -> found.content().file().isPresent());
    }

    @Test
    void aRecordingFound_isCopiedLocally_andThenServedFromTheFile_withTheObjectsValidators() throws IOException {
        CallSid sid = TestIds.aCallSid();
        byte[] bytes = randomBytes(200_000);
        store().save(sid, AudioFormat.MP3, sink -> sink.write(bytes));
        String objectsTag = anotherInstance(spool.resolve("other-without-copy")).find(sid).orElseThrow().entityTag();

        StoredRecording copy = copied(sid);

        assertThat(copy.entityTag()).isEqualTo(objectsTag);
        assertThat(Files.readAllBytes(copy.content().file().orElseThrow())).isEqualTo(bytes);
        assertThat(copy.content().file().orElseThrow()).startsWith(spool.resolve("copies"));
    }

    @Test
    void aDownload_isNoPlay_andMakesNoLocalCopy() {
        CallSid sid = TestIds.aCallSid();
        store().save(sid, AudioFormat.MP3, sink -> sink.write(randomBytes(1000)));

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> !Files.exists(spool.resolve("copies").resolve(sid.value() + ".mp3")));
    }

    @Test
    void theCopyOfARecordingAnotherInstanceDeleted_isDroppedAtTheSweep() {
        CallSid sid = TestIds.aCallSid();
        store().save(sid, AudioFormat.MP3, sink -> sink.write(randomBytes(1000)));
        Path copy = copied(sid).content().file().orElseThrow();

        anotherInstance(spool.resolve("other")).delete(sid);
        store.persistNotes();

        assertThat(copy).doesNotExist();
    }

    @Test
    void copiesPastTheirBudget_goLeastRecentlyPlayedFirst_whileTheBucketKeepsThem() {
        CallSid older = TestIds.aCallSid();
        CallSid played = TestIds.aCallSid();
        store().save(older, AudioFormat.MP3, sink -> sink.write(randomBytes(6 * 1024 * 1024)));
        store().save(played, AudioFormat.MP3, sink -> sink.write(randomBytes(6 * 1024 * 1024)));
        Path olderCopy = copied(older).content().file().orElseThrow();
        Path playedCopy = copied(played).content().file().orElseThrow();
        store().markPlayed(played);

        store.persistNotes();

        assertThat(olderCopy).doesNotExist();
        assertThat(playedCopy).exists();
        assertThat(store().storedRecordings()).contains(older, played);
    }
}
