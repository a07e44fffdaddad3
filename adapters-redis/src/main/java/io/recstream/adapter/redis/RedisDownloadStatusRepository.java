package io.recstream.adapter.redis;

import io.recstream.application.port.out.DownloadStatusRepository;
import io.recstream.domain.CallSid;
import io.recstream.domain.DownloadState;
import io.recstream.domain.DownloadStatus;
import io.recstream.domain.FailureCause;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Each job is a hash {@code recstream:job:<sid>} with a TTL: a job in flight expires after {@code inFlightTtl}, so a
 * job whose worker vanished is requested again by the next play; a settled one after {@code settledTtl}.
 */
public class RedisDownloadStatusRepository implements DownloadStatusRepository {

    private static final String STATE = "state";
    private static final String SIZE = "sizeBytes";
    private static final String FAILURE = "failure";
    private static final String PERMANENT = "permanent";
    private static final String UPDATED_AT = "updatedAt";
    private static final String UPDATED_AT_MILLIS = "updatedAtMillis";

    /**
     * Mirrors {@link DownloadStatus#admitsNewRequest(Instant, Duration)}; the shared contract test keeps the two in
     * step. ARGV: now (ISO), in-flight TTL ms, now ms, cool-down ms.
     */
    private static final RedisScript<Long> CLAIM = RedisScript.of("""
            local state = redis.call('HGET', KEYS[1], 'state')
            if state == 'REQUESTED' or state == 'DOWNLOADING' then return 0 end
            if state == 'FAILED' then
              if redis.call('HGET', KEYS[1], 'permanent') == '1' then return 0 end
              local failedAt = tonumber(redis.call('HGET', KEYS[1], 'updatedAtMillis'))
              if failedAt and tonumber(ARGV[3]) < failedAt + tonumber(ARGV[4]) then return 0 end
            end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'state', 'REQUESTED', 'updatedAt', ARGV[1], 'updatedAtMillis', ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """, Long.class);

    private static final RedisScript<Long> REPLACE = RedisScript.of("""
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 2))
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final Duration inFlightTtl;
    private final Duration settledTtl;

    public RedisDownloadStatusRepository(StringRedisTemplate redis, Duration inFlightTtl, Duration settledTtl) {
        this.redis = redis;
        this.inFlightTtl = inFlightTtl;
        this.settledTtl = settledTtl;
    }

    @Override
    public Optional<DownloadStatus> find(CallSid callSid) {
        Map<Object, Object> fields = RedisGuard.call("reading a job status",
                () -> redis.opsForHash().entries(RedisKeys.job(callSid)));
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        Object size = fields.get(SIZE);
        Object failure = fields.get(FAILURE);
        return Optional.of(new DownloadStatus(callSid, DownloadState.valueOf(fields.get(STATE).toString()),
                size == null ? null : Long.valueOf(size.toString()),
                failure == null ? null : FailureCause.valueOf(failure.toString()),
                Instant.parse(fields.get(UPDATED_AT).toString())));
    }

    @Override
    public boolean claimRequest(CallSid callSid, Instant now, Duration coolDown) {
        Long claimed = RedisGuard.call("claiming a download", () -> redis.execute(CLAIM, List.of(RedisKeys.job(callSid)),
                now.toString(), Long.toString(inFlightTtl.toMillis()), Long.toString(now.toEpochMilli()),
                Long.toString(coolDown.toMillis())));
        return claimed != null && claimed == 1L;
    }

    @Override
    public void save(DownloadStatus status) {
        Duration ttl = status.state().isInFlight() ? inFlightTtl : settledTtl;
        List<String> args = new ArrayList<>(List.of(Long.toString(ttl.toMillis()),
                STATE, status.state().name(), UPDATED_AT, status.updatedAt().toString(),
                UPDATED_AT_MILLIS, Long.toString(status.updatedAt().toEpochMilli())));
        if (status.sizeBytes() != null) {
            args.addAll(List.of(SIZE, status.sizeBytes().toString()));
        }
        status.knownFailure().ifPresent(cause ->
                args.addAll(List.of(FAILURE, cause.name(), PERMANENT, cause.isPermanent() ? "1" : "0")));
        RedisGuard.call("saving a job status",
                () -> redis.execute(REPLACE, List.of(RedisKeys.job(status.callSid())), args.toArray()));
    }

    @Override
    public void clear(CallSid callSid) {
        RedisGuard.call("clearing a job status", () -> redis.delete(RedisKeys.job(callSid)));
    }
}
