package io.recstream.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.application.testing.TestIds;
import io.recstream.domain.AudioFormat;
import io.recstream.domain.CallSid;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What every {@link PlayCache} promises; {@code CacheBudget} decides from these alone which recordings go. */
public abstract class PlayCacheContract {

    /** A store whose recordings, once saved, the cache holds (a directory store is its own cache). */
    protected abstract RecordingStore store();

    protected abstract PlayCache cache();

    /** Moves the clock the cache stamps plays with past every time it has stamped, and every recording's storing. */
    protected abstract void later();

    private Map<CallSid, PlayCache.Held> held() {
        return cache().held().stream().collect(Collectors.toMap(PlayCache.Held::callSid, Function.identity()));
    }

    @Test
    void everyRecordingIsHeld_withItsSize() {
        CallSid mp3 = TestIds.aCallSid();
        CallSid wav = TestIds.aCallSid();
        store().save(mp3, AudioFormat.MP3, sink -> sink.write(new byte[300]));
        store().save(wav, AudioFormat.WAV, sink -> sink.write(new byte[200]));

        assertThat(held().get(mp3).bytes()).isEqualTo(300);
        assertThat(held().get(wav).bytes()).isEqualTo(200);
    }

    @Test
    void aPlay_makesARecordingTheMostRecentlyPlayed() {
        CallSid played = TestIds.aCallSid();
        CallSid storedAfter = TestIds.aCallSid();
        store().save(played, AudioFormat.MP3, sink -> sink.write(new byte[10]));
        store().save(storedAfter, AudioFormat.MP3, sink -> sink.write(new byte[10]));

        later();
        store().markPlayed(played);

        assertThat(held().get(played).lastPlayed()).isAfter(held().get(storedAfter).lastPlayed());
    }

    @Test
    void anEvictedRecording_isNoLongerHeld_norFound_andTheOthersStay() {
        CallSid evicted = TestIds.aCallSid();
        CallSid kept = TestIds.aCallSid();
        store().save(evicted, AudioFormat.MP3, sink -> sink.write(new byte[10]));
        store().save(kept, AudioFormat.MP3, sink -> sink.write(new byte[10]));

        cache().evict(evicted);

        assertThat(held()).doesNotContainKey(evicted).containsKey(kept);
        assertThat(store().find(evicted)).isEmpty();
    }

    @Test
    void theFreeSpace_isTold() {
        assertThat(cache().freeBytes()).isPositive();
    }
}
