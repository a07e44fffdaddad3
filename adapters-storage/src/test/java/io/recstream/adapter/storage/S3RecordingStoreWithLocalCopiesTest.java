package io.recstream.adapter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.recstream.application.service.CacheBudget;
import io.recstream.application.testing.TestIds;
import io.recstream.domain.AudioFormat;
import io.recstream.domain.CallSid;
import io.recstream.domain.StoredRecording;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The S3 store with local copies: the same contract and S3 behaviour, and what the copies add. */
class S3RecordingStoreWithLocalCopiesTest extends S3RecordingStoreTest {

    @Override
    protected int localCopyThreads() {
        return 2;
    }

    @Override
    protected void awaitLocalCopy(S3RecordingStore instance, CallSid sid) {
        await().atMost(Duration.ofSeconds(10)).until(() -> instance.find(sid).orElseThrow().content().file().isPresent());
    }

    private static StoredRecording copied(S3RecordingStore instance, CallSid sid) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> instance.find(sid).orElseThrow(),
                found -> found.content().file().isPresent());
    }

    private static Path copyFile(Path itsSpool, CallSid sid) {
        return itsSpool.resolve("copies").resolve(sid.value() + ".mp3");
    }

    @Test
    void aRecordingPlayed_isCopiedLocally_andThenServedFromTheFile_withTheObjectsValidators() throws IOException {
        CallSid sid = TestIds.aCallSid();
        byte[] bytes = randomBytes(200_000);
        store().save(sid, AudioFormat.MP3, sink -> sink.write(bytes));
        Path playersSpool = spool.resolve("player");
        S3RecordingStore player = anotherInstance(playersSpool);
        StoredRecording object = player.find(sid).orElseThrow();
        assertThat(player.find(sid).orElseThrow().content().file()).as("not copied before a play").isEmpty();

        player.markPlayed(sid);
        StoredRecording copy = copied(player, sid);

        assertThat(copy.sameVersionAs(object)).isTrue();
        assertThat(Files.readAllBytes(copy.content().file().orElseThrow())).isEqualTo(bytes);
        assertThat(copy.content().file().orElseThrow()).isEqualTo(copyFile(playersSpool, sid));
    }

    @Test
    void findingARecording_isNoPlay_andMakesNoLocalCopy() {
        CallSid sid = TestIds.aCallSid();
        store().save(sid, AudioFormat.MP3, sink -> sink.write(randomBytes(1000)));
        Path listersSpool = spool.resolve("lister");
        S3RecordingStore lister = anotherInstance(listersSpool);

        lister.find(sid).orElseThrow();

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> !Files.exists(copyFile(listersSpool, sid)));
    }

    @Test
    void aDownload_leavesTheFileItSentAsTheLocalCopy_soReadingItIsNoGet() throws IOException {
        CallSid sid = TestIds.aCallSid();
        byte[] bytes = randomBytes(200_000);
        Map<String, Integer> requests = new ConcurrentHashMap<>();
        Path downloadersSpool = spool.resolve("downloader");
        S3RecordingStore downloader = counted(downloadersSpool, requests);

        StoredRecording saved = downloader.save(sid, AudioFormat.MP3, sink -> sink.write(bytes));
        try (InputStream in = Channels.newInputStream(downloader.find(sid).orElseThrow().content().open())) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }

        assertThat(saved.content().file()).contains(copyFile(downloadersSpool, sid));
        assertThat(saved.sameVersionAs(anotherInstance(spool.resolve("other")).find(sid).orElseThrow())).isTrue();
        assertThat(requests).as("the waveform and the first play read the file").isEqualTo(Map.of("putObject", 1,
                "headObject", 1));
    }

    @Test
    void copiesPastTheBudget_goLeastRecentlyPlayedFirst_whileTheBucketKeepsThem() throws IOException {
        CallSid older = TestIds.aCallSid();
        CallSid played = TestIds.aCallSid();
        store().save(older, AudioFormat.MP3, sink -> sink.write(randomBytes(6 * 1024 * 1024)));
        store().save(played, AudioFormat.MP3, sink -> sink.write(randomBytes(6 * 1024 * 1024)));
        Path olderCopy = copied(store, older).content().file().orElseThrow();
        Path playedCopy = copied(store, played).content().file().orElseThrow();
        Files.setAttribute(olderCopy, "lastAccessTime", java.nio.file.attribute.FileTime.fromMillis(0));
        store().markPlayed(played);

        new CacheBudget(10L * 1024 * 1024, 0).overBudget(store.playCache().held(), store.playCache().freeBytes())
                .forEach(store.playCache()::evict);

        assertThat(olderCopy).doesNotExist();
        assertThat(playedCopy).exists();
        assertThat(store().storedRecordings()).contains(older, played);
    }
}
