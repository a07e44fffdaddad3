package io.recstream.adapter.redis;

import io.recstream.application.port.out.DownloadStatusRepository;
import io.recstream.domain.CallSid;
import io.recstream.domain.DownloadProgress;
import io.recstream.domain.DownloadState;
import io.recstream.domain.DownloadStatus;
import io.recstream.domain.FailureCause;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Each job is a hash {@code recstream:job:<sid>} with a TTL: a job in flight expires after {@code inFlightTtl}, so a
 * job whose worker vanished is requested again by the next play; a settled one after {@code settledTtl}; a claim not
 * confirmed (its command never published) after {@code claimTtl}.
 */
public class RedisDownloadStatusRepository implements DownloadStatusRepository {

    private static final String STATE = "state";
    private static final String SIZE = "sizeBytes";
    private static final String FAILURE = "failure";
    private static final String UPDATED_AT = "updatedAt";
    private static final String RECEIVED = "receivedBytes";
    private static final String TOTAL = "totalBytes";
    private static final String PARTIAL = "partial";

    /** Replaces the job's hash and sets its TTL. ARGV: two unused (see CLAIM), TTL ms, field/value pairs. */
    private static final String REPLACE_BODY = """
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 4))
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            """;

    private static final RedisScript<Long> REPLACE = RedisScript.of(REPLACE_BODY + "return 1", Long.class);

    /**
     * Writes the job's hash if it has none; answers the hash it has otherwise (HGETALL's fields and values), or an
     * empty one if this wrote it. ARGV as REPLACE's.
     */
    @SuppressWarnings("rawtypes") // a script's multi-bulk answer is a raw List
    private static final RedisScript<List> CLAIM_OR_FIND = RedisScript.of("""
            local found = redis.call('HGETALL', KEYS[1])
            if #found > 0 then return found end
            """ + REPLACE_BODY + "return {}", List.class);

    /**
     * Replaces the job's hash only if it is still the one the caller saw (its state and time). Whether a request is
     * admitted is decided in Java ({@code DownloadStatus#admitsNewRequest}), not here.
     * ARGV: seen state, seen time, TTL ms, field/value pairs.
     */
    private static final RedisScript<Long> CLAIM = RedisScript.of("""
            if redis.call('HGET', KEYS[1], 'state') ~= ARGV[1]
                or redis.call('HGET', KEYS[1], 'updatedAt') ~= ARGV[2] then
              return 0
            end
            """ + REPLACE_BODY + "return 1", Long.class);

    /** Extends the job's TTL if it is still the claim (its state and time). ARGV: state, time, TTL ms. */
    private static final RedisScript<Long> CONFIRM = RedisScript.of("""
            if redis.call('HGET', KEYS[1], 'state') ~= ARGV[1]
                or redis.call('HGET', KEYS[1], 'updatedAt') ~= ARGV[2] then
              return 0
            end
            return redis.call('PEXPIRE', KEYS[1], ARGV[3])
            """, Long.class);

    private final StringRedisTemplate redis;
    private final Duration inFlightTtl;
    private final Duration settledTtl;
    private final Duration claimTtl;

    public RedisDownloadStatusRepository(StringRedisTemplate redis, Duration inFlightTtl, Duration settledTtl,
                                         Duration claimTtl) {
        this.redis = redis;
        this.inFlightTtl = inFlightTtl;
        this.settledTtl = settledTtl;
        this.claimTtl = claimTtl;
    }

    @Override
    public Optional<DownloadStatus> find(CallSid callSid) {
        return statusOf(callSid, RedisGuard.call("reading a job status",
                () -> redis.opsForHash().entries(RedisKeys.job(callSid))));
    }

    @Override
    @SuppressWarnings("unchecked") // HGETALL answers a map
    public Map<CallSid, DownloadStatus> findAll(Collection<CallSid> callSids) {
        List<CallSid> asked = List.copyOf(callSids);
        if (asked.isEmpty()) {
            return Map.of();
        }
        List<Object> hashes = RedisGuard.call("reading job statuses", () -> redis.executePipelined(
                (RedisCallback<Object>) connection -> {
                    asked.forEach(callSid -> connection.hashCommands().hGetAll(
                            RedisKeys.job(callSid).getBytes(StandardCharsets.UTF_8)));
                    return null;
                }));
        Map<CallSid, DownloadStatus> found = new HashMap<>();
        for (int i = 0; i < asked.size(); i++) {
            CallSid callSid = asked.get(i);
            statusOf(callSid, (Map<Object, Object>) hashes.get(i)).ifPresent(status -> found.put(callSid, status));
        }
        return found;
    }

    private static Optional<DownloadStatus> statusOf(CallSid callSid, Map<Object, Object> fields) {
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        Object failure = fields.get(FAILURE);
        Object received = fields.get(RECEIVED);
        DownloadProgress progress = received == null ? null : new DownloadProgress(Long.parseLong(received.toString()),
                number(fields.get(TOTAL)), fields.get(PARTIAL) == null ? null : fields.get(PARTIAL).toString());
        return Optional.of(new DownloadStatus(callSid, DownloadState.valueOf(fields.get(STATE).toString()),
                number(fields.get(SIZE)), failure == null ? null : FailureCause.valueOf(failure.toString()), progress,
                Instant.parse(fields.get(UPDATED_AT).toString())));
    }

    private static Long number(Object field) {
        return field == null ? null : Long.valueOf(field.toString());
    }

    @Override
    public Optional<DownloadStatus> claimOrFind(DownloadStatus requested) {
        List<String> args = new ArrayList<>(List.of("", ""));
        args.addAll(replacement(requested, claimTtl));
        List<?> found = RedisGuard.call("claiming a download",
                () -> redis.execute(CLAIM_OR_FIND, List.of(RedisKeys.job(requested.callSid())), args.toArray()));
        Map<Object, Object> fields = new HashMap<>();
        for (int i = 0; i + 1 < found.size(); i += 2) {
            fields.put(found.get(i), found.get(i + 1));
        }
        return statusOf(requested.callSid(), fields);
    }

    @Override
    public boolean claimRequest(DownloadStatus requested, DownloadStatus seen) {
        List<String> args = new ArrayList<>(List.of(seen.state().name(), seen.updatedAt().toString()));
        args.addAll(replacement(requested, claimTtl));
        Long claimed = RedisGuard.call("claiming a download",
                () -> redis.execute(CLAIM, List.of(RedisKeys.job(requested.callSid())), args.toArray()));
        return claimed != null && claimed == 1L;
    }

    @Override
    public void confirmRequest(DownloadStatus requested) {
        RedisGuard.call("confirming a download request", () -> redis.execute(CONFIRM,
                List.of(RedisKeys.job(requested.callSid())), requested.state().name(),
                requested.updatedAt().toString(), Long.toString(inFlightTtl.toMillis())));
    }

    @Override
    public void save(DownloadStatus status) {
        List<String> args = new ArrayList<>(List.of("", ""));
        args.addAll(replacement(status, status.state().isInFlight() ? inFlightTtl : settledTtl));
        RedisGuard.call("saving a job status",
                () -> redis.execute(REPLACE, List.of(RedisKeys.job(status.callSid())), args.toArray()));
    }

    /** The TTL and the fields of a status's hash. */
    private static List<String> replacement(DownloadStatus status, Duration ttl) {
        List<String> args = new ArrayList<>(List.of(Long.toString(ttl.toMillis()),
                STATE, status.state().name(), UPDATED_AT, status.updatedAt().toString()));
        if (status.sizeBytes() != null) {
            args.addAll(List.of(SIZE, status.sizeBytes().toString()));
        }
        status.knownFailure().ifPresent(cause -> args.addAll(List.of(FAILURE, cause.name())));
        status.knownProgress().ifPresent(progress -> {
            args.addAll(List.of(RECEIVED, Long.toString(progress.receivedBytes())));
            progress.knownTotal().ifPresent(total -> args.addAll(List.of(TOTAL, total.toString())));
            if (progress.partial() != null) {
                args.addAll(List.of(PARTIAL, progress.partial()));
            }
        });
        return args;
    }

    @Override
    public void clear(CallSid callSid) {
        RedisGuard.call("clearing a job status", () -> redis.delete(RedisKeys.job(callSid)));
    }
}
