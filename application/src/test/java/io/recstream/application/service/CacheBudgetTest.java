package io.recstream.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.application.port.out.PlayCache.Held;
import io.recstream.application.testing.TestIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CacheBudgetTest {

    private final Instant now = Instant.now();

    private Held held(long bytes, long playedSecondsAgo) {
        return new Held(TestIds.aCallSid(), bytes, now.minusSeconds(playedSecondsAgo));
    }

    @Test
    void withinTheBudget_nothingGoes() {
        List<Held> held = List.of(held(100, 5), held(100, 1));

        assertThat(new CacheBudget(200, 0).overBudget(held, 1_000)).isEmpty();
    }

    @Test
    void pastTheBudget_theLeastRecentlyPlayedGoFirst_untilItFits() {
        Held oldest = held(100, 30);
        Held older = held(100, 20);
        Held recent = held(100, 10);
        Held newest = held(100, 0);
        List<Held> held = new ArrayList<>(List.of(newest, oldest, recent, older));

        assertThat(new CacheBudget(250, 0).overBudget(held, Long.MAX_VALUE))
                .containsExactly(oldest.callSid(), older.callSid());
    }

    @Test
    void aVolumeShortOfFreeSpace_losesTheLeastRecentlyPlayed_untilEnoughIsFree() {
        Held oldest = held(300, 30);
        Held older = held(300, 20);
        Held newest = held(300, 0);

        assertThat(new CacheBudget(Long.MAX_VALUE, 1_000).overBudget(List.of(newest, older, oldest), 500))
                .containsExactly(oldest.callSid(), older.callSid());
    }

    @Test
    void inAnyOrderGiven_theOrderOfEvictionIsTheOrderOfLastPlay() {
        List<Held> byAge = new ArrayList<>();
        for (int secondsAgo = 1_000; secondsAgo > 0; secondsAgo--) {
            byAge.add(held(1, secondsAgo));
        }
        List<Held> shuffled = new ArrayList<>(byAge);
        Collections.shuffle(shuffled, new Random(7));

        assertThat(new CacheBudget(600, 0).overBudget(shuffled, Long.MAX_VALUE))
                .containsExactlyElementsOf(byAge.subList(0, 400).stream().map(Held::callSid).toList());
    }
}
