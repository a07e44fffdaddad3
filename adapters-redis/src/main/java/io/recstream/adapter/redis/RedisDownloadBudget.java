package io.recstream.adapter.redis;

import io.recstream.application.port.out.DownloadBudget;
import io.recstream.domain.BusinessId;
import io.recstream.domain.TokenBucket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A token bucket per business in Redis ({@code recstream:budget:downloads:<business>}), shared by every instance and
 * timed by Redis' own clock. The bucket's rule is the domain's ({@link TokenBucket}): Redis' time and the bucket's
 * state are read (on the shared connection: a pipeline would take a connection of its own), the next state is worked
 * out in Java, and written only if no instance wrote it meanwhile (compare-and-set on a version; the loser reads
 * again).
 */
public class RedisDownloadBudget implements DownloadBudget {

    private static final String VERSION = "v";
    private static final String TOKENS = "tokens";
    private static final String AT = "at";

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

    public RedisDownloadBudget(StringRedisTemplate redis, int capacity, Duration window) {
        this.redis = redis;
        this.capacity = capacity;
        this.window = window;
    }

    @Override
    public Optional<Duration> tryTake(BusinessId business) {
        String key = RedisKeys.downloadBudget(business);
        return RedisGuard.call("taking from a download budget", () -> {
            while (true) {
                long now = redis.execute((RedisCallback<Long>) connection -> connection.serverCommands().time());
                List<Object> state = redis.opsForHash().multiGet(key, List.of(VERSION, TOKENS, AT));
                String version = state.get(0) == null ? "" : (String) state.get(0);
                TokenBucket bucket = state.get(1) == null || state.get(2) == null ? TokenBucket.full(capacity, now)
                        : new TokenBucket(Double.parseDouble((String) state.get(1)), Long.parseLong((String) state.get(2)));
                TokenBucket.Taken taken = bucket.take(now, capacity, window);
                Long written = redis.execute(REPLACE_IF_UNCHANGED, List.of(key), version,
                        Double.toString(taken.bucket().tokens()), Long.toString(taken.bucket().atMillis()),
                        Long.toString(window.toMillis()));
                if (written != null && written == 1L) {
                    return taken.waitFor();
                }
            }
        });
    }
}
