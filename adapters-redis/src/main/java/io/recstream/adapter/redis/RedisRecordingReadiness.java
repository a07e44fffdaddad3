package io.recstream.adapter.redis;

import io.recstream.application.port.out.LocalAnnouncements;
import io.recstream.application.port.out.RecordingReadiness;
import io.recstream.domain.CallSid;
import io.recstream.domain.InvalidIdentifierException;
import java.nio.charset.StandardCharsets;
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
    private final LocalAnnouncements listeners = new LocalAnnouncements();

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
            // Only a hint: a held request answers at its deadline all the same.
            log.warn("could not announce the end of the download of {}: {}", callSid, e.toString());
        }
    }

    @Override
    public Announcement expect(CallSid callSid) {
        return listeners.listen(callSid);
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        try {
            listeners.deliver(new CallSid(new String(message.getBody(), StandardCharsets.UTF_8)));
        } catch (InvalidIdentifierException e) {
            log.debug("ignored a readiness message that names no call");
        }
    }
}
