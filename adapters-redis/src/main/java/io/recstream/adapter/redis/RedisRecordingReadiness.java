package io.recstream.adapter.redis;

import io.recstream.application.port.out.RecordingReadiness;
import io.recstream.domain.CallSid;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Announces the end of a download on a Redis pub/sub channel, so that a request held on any instance wakes up at
 * once. Register this object as a listener of {@link #channel()}.
 */
public class RedisRecordingReadiness implements RecordingReadiness, MessageListener {

    private static final Logger log = LoggerFactory.getLogger(RedisRecordingReadiness.class);

    private final StringRedisTemplate redis;
    private final Map<String, Set<CountDownLatch>> waiters = new ConcurrentHashMap<>();

    public RedisRecordingReadiness(StringRedisTemplate redis) {
        this.redis = redis;
    }

    public static String channel() {
        return RedisKeys.READINESS_CHANNEL;
    }

    @Override
    public void announce(CallSid callSid) {
        try {
            redis.convertAndSend(RedisKeys.READINESS_CHANNEL, callSid.value());
        } catch (RuntimeException e) {
            // Only a hint: held requests look again on their own within half a second.
            log.warn("could not announce the end of the download of {}: {}", callSid, e.toString());
        }
    }

    @Override
    public void awaitAnnouncement(CallSid callSid, Duration maxWait) {
        CountDownLatch latch = new CountDownLatch(1);
        waiters.computeIfAbsent(callSid.value(), sid -> ConcurrentHashMap.newKeySet()).add(latch);
        try {
            latch.await(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiters.computeIfPresent(callSid.value(), (sid, latches) -> {
                latches.remove(latch);
                return latches.isEmpty() ? null : latches;
            });
        }
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        Set<CountDownLatch> latches = waiters.get(new String(message.getBody(), StandardCharsets.UTF_8));
        if (latches != null) {
            latches.forEach(CountDownLatch::countDown);
        }
    }
}
