package io.recstream.adapter.redis;

import io.recstream.application.port.out.DownloadBudget;
import io.recstream.domain.BusinessId;
import io.recstream.domain.TokenBucket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A token bucket per business in Redis ({@code recstream:budget:downloads:<business>}), shared by every instance and
 * timed by Redis' own clock. The bucket's rule is the domain's ({@link TokenBucket}): Redis' time and the bucket's
 * state are read together (one script that only reads: a pipeline would take a connection of its own), the next state
 * is worked out in Java, and written only if no instance wrote it meanwhile (compare-and-set on a version; the loser
 * reads again).
 *
 * <p>The takes of one business that arrive together on this instance are taken together: one read and one write for
 * all of them, one token each, in their order. Taken one by one, a burst of first plays would race each other for the
 * same version, and n of them would cost about n²/2 rounds to Redis (80 at once: 800 ms for the last 202).
 */
public class RedisDownloadBudget implements DownloadBudget {

    /** KEYS: the bucket. Answers Redis' time (seconds, microseconds) and the bucket's version, tokens and at (or nils). */
    @SuppressWarnings("rawtypes") // a script's multi-bulk answer is a raw List
    private static final RedisScript<List> READ = RedisScript.of("""
            local time = redis.call('TIME')
            local state = redis.call('HMGET', KEYS[1], 'v', 'tokens', 'at')
            return {time[1], time[2], state[1], state[2], state[3]}
            """, List.class);

    /** KEYS: the bucket. ARGV: the version read (or ''), tokens, at, TTL ms. Answers 1 if written, 0 if it changed. */
    private static final RedisScript<Long> REPLACE_IF_UNCHANGED = RedisScript.of("""
            if (redis.call('HGET', KEYS[1], 'v') or '') ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'v', tostring((tonumber(ARGV[1]) or 0) + 1), 'tokens', ARGV[2], 'at', ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final int capacity;
    private final Duration window;
    private final Map<BusinessId, Takers> takersByBusiness = new ConcurrentHashMap<>();

    public RedisDownloadBudget(StringRedisTemplate redis, int capacity, Duration window) {
        this.redis = redis;
        this.capacity = capacity;
        this.window = window;
    }

    /** One business's takes waiting on this instance, and the lock whose holder takes for all that wait. */
    private static final class Takers {
        final Queue<Take> waiting = new ConcurrentLinkedQueue<>();
        final ReentrantLock taking = new ReentrantLock();
    }

    /** One caller's take: settled (under the lock) with how long to wait, none if taken, or why Redis failed. */
    private static final class Take {
        boolean settled;
        Optional<Duration> waitFor;
        RuntimeException failure;
    }

    @Override
    public Optional<Duration> tryTake(BusinessId business) {
        Takers takers = takersByBusiness.computeIfAbsent(business, b -> new Takers());
        Take mine = new Take();
        takers.waiting.add(mine);
        takers.taking.lock();
        try {
            // Queued before the lock was asked for, so whoever held it took this one too, or it is still queued.
            if (!mine.settled) {
                takeForAllWaiting(business, takers.waiting);
            }
        } finally {
            takers.taking.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.waitFor;
    }

    private void takeForAllWaiting(BusinessId business, Queue<Take> waiting) {
        List<Take> batch = new ArrayList<>();
        for (Take next = waiting.poll(); next != null; next = waiting.poll()) {
            batch.add(next);
        }
        try {
            List<Optional<Duration>> answers = RedisGuard.call("taking from a download budget",
                    () -> take(RedisKeys.downloadBudget(business), batch.size()));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).waitFor = answers.get(i);
            }
        } catch (RuntimeException e) {
            batch.forEach(take -> take.failure = e);
        }
        batch.forEach(take -> take.settled = true);
    }

    /** {@code count} takes, one after another, written at once: each one's wait, none if it got a token. */
    private List<Optional<Duration>> take(String key, int count) {
        while (true) {
            List<?> read = redis.execute(READ, List.of(key));
            long now = Long.parseLong((String) read.get(0)) * 1000 + Long.parseLong((String) read.get(1)) / 1000;
            String version = read.get(2) == null ? "" : (String) read.get(2);
            TokenBucket bucket = read.get(3) == null || read.get(4) == null ? TokenBucket.full(capacity, now)
                    : new TokenBucket(Double.parseDouble((String) read.get(3)), Long.parseLong((String) read.get(4)));
            List<Optional<Duration>> waits = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                TokenBucket.Taken taken = bucket.take(now, capacity, window);
                waits.add(taken.waitFor());
                bucket = taken.bucket();
            }
            Long written = redis.execute(REPLACE_IF_UNCHANGED, List.of(key), version,
                    Double.toString(bucket.tokens()), Long.toString(bucket.atMillis()),
                    Long.toString(window.toMillis()));
            if (written != null && written == 1L) {
                return waits;
            }
        }
    }
}
