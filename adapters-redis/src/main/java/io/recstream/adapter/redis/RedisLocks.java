package io.recstream.adapter.redis;

import io.recstream.application.port.out.ClusterLock;
import io.recstream.application.port.out.DownloadLock;
import io.recstream.application.port.out.LockLease;
import io.recstream.domain.CallSid;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@code SET recstream:lock:<sid> <token> NX PX ttl} (or {@code recstream:lock:task:<name>} for housekeeping tasks that
 * one instance at a time runs): the lock expires by itself if its holder dies, is renewed every
 * third of its TTL while held, and is released or renewed only by the holder of the token (checked in a script).
 */
public class RedisLocks implements DownloadLock, ClusterLock {

    private static final Logger log = LoggerFactory.getLogger(RedisLocks.class);

    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """, Long.class);

    private static final RedisScript<Long> RENEW = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;
    private final Duration ttl;
    private final ScheduledExecutorService renewer;

    public RedisLocks(StringRedisTemplate redis, Duration ttl, ScheduledExecutorService renewer) {
        this.redis = redis;
        this.ttl = ttl;
        this.renewer = renewer;
    }

    @Override
    public Optional<LockLease> tryAcquire(CallSid callSid) {
        return acquire(RedisKeys.lock(callSid));
    }

    @Override
    public Optional<LockLease> tryAcquire(String task) {
        return acquire(RedisKeys.taskLock(task));
    }

    private Optional<LockLease> acquire(String key) {
        String token = UUID.randomUUID().toString();
        Boolean acquired = RedisGuard.call("taking a download lock",
                () -> redis.opsForValue().setIfAbsent(key, token, ttl));
        if (!Boolean.TRUE.equals(acquired)) {
            return Optional.empty();
        }
        return Optional.of(new RedisLease(key, token));
    }

    private final class RedisLease implements LockLease {
        private final String key;
        private final String token;
        private final ScheduledFuture<?> renewal;

        RedisLease(String key, String token) {
            this.key = key;
            this.token = token;
            long period = Math.max(1, ttl.toMillis() / 3);
            this.renewal = renewer.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
        }

        private void renew() {
            try {
                Long renewed = redis.execute(RENEW, List.of(key), token, Long.toString(ttl.toMillis()));
                if (renewed == null || renewed == 0L) {
                    log.warn("download lock {} was lost before its holder finished", key);
                    renewal.cancel(false);
                }
            } catch (RuntimeException e) {
                // Redis blipped: the next period tries again while the TTL still covers us.
                log.warn("could not renew download lock {}: {}", key, e.toString());
            }
        }

        @Override
        public boolean isHeld() {
            return token.equals(RedisGuard.call("checking a download lock", () -> redis.opsForValue().get(key)));
        }

        @Override
        public void close() {
            renewal.cancel(false);
            try {
                redis.execute(RELEASE, List.of(key), token);
            } catch (RuntimeException e) {
                // Redis is away: the lock expires by its TTL, which is what a crash would leave too.
                log.warn("could not release download lock {}: {}", key, e.toString());
            }
        }
    }
}
