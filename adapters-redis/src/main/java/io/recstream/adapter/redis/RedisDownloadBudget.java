package io.recstream.adapter.redis;

import io.recstream.application.port.out.DownloadBudget;
import io.recstream.domain.BusinessId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A token bucket per business in Redis ({@code recstream:budget:downloads:<business>}), shared by every instance and
 * timed by Redis' own clock: {@code capacity} downloads, refilled at that many per {@code window}.
 */
public class RedisDownloadBudget implements DownloadBudget {

    /**
     * Refills the bucket for the time since it was last touched, takes one token if there is one. KEYS: the bucket.
     * ARGV: capacity, tokens per millisecond, TTL ms. Answers 0 if taken, else the milliseconds until a token.
     */
    private static final RedisScript<Long> TAKE = RedisScript.of("""
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local capacity = tonumber(ARGV[1])
            local rate = tonumber(ARGV[2])
            local tokens = tonumber(redis.call('HGET', KEYS[1], 'tokens')) or capacity
            local at = tonumber(redis.call('HGET', KEYS[1], 'at')) or now
            tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
            local wait = 0
            if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / rate) end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return wait
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
        Long wait = RedisGuard.call("taking from a download budget", () -> redis.execute(TAKE,
                List.of(RedisKeys.downloadBudget(business)), Integer.toString(capacity),
                Double.toString((double) capacity / window.toMillis()), Long.toString(window.toMillis())));
        return wait == null || wait == 0L ? Optional.empty() : Optional.of(Duration.ofMillis(wait));
    }
}
