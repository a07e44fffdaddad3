package io.recstream.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final int CAPACITY = 4;
    private static final Duration WINDOW = Duration.ofSeconds(60);

    @Test
    void aFullBucket_givesItsCapacity_thenSaysHowLongUntilTheNextToken() {
        TokenBucket bucket = TokenBucket.full(CAPACITY, 0);
        for (int i = 0; i < CAPACITY; i++) {
            TokenBucket.Taken taken = bucket.take(0, CAPACITY, WINDOW);
            assertThat(taken.waitFor()).isEmpty();
            bucket = taken.bucket();
        }

        assertThat(bucket.take(0, CAPACITY, WINDOW).waitFor()).contains(Duration.ofSeconds(15));
    }

    @Test
    void anEmptyBucket_refillsAtCapacityPerWindow_upToItsCapacity() {
        TokenBucket empty = new TokenBucket(0, 0);

        assertThat(empty.take(14_999, CAPACITY, WINDOW).waitFor()).contains(Duration.ofMillis(1));
        assertThat(empty.take(15_000, CAPACITY, WINDOW).waitFor()).isEmpty();
        assertThat(empty.take(3_600_000, CAPACITY, WINDOW).bucket().tokens()).isEqualTo(CAPACITY - 1);
    }

    @Test
    void aClockBehindTheLastTouch_refillsNothing_andMovesNoTimeBack() {
        TokenBucket.Taken taken = new TokenBucket(0.5, 10_000).take(5_000, CAPACITY, WINDOW);

        assertThat(taken.bucket()).isEqualTo(new TokenBucket(0.5, 10_000));
        assertThat(taken.waitFor()).contains(Duration.ofMillis(7_500));
    }
}
