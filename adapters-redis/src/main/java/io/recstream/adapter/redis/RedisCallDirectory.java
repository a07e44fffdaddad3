package io.recstream.adapter.redis;

import io.recstream.application.port.out.CallDirectory;
import io.recstream.application.port.out.CallPage;
import io.recstream.application.port.out.SharedStateUnavailableException;
import io.recstream.domain.BusinessId;
import io.recstream.domain.Call;
import io.recstream.domain.CallCursor;
import io.recstream.domain.CallDetails;
import io.recstream.domain.CallSid;
import io.recstream.domain.Direction;
import io.recstream.domain.RecordingSid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Each call is a hash {@code recstream:call:<sid>}; registration merges in one script, so it is atomic.
 *
 * <p>The calls this instance has seen are remembered locally too: for {@link #FRESH_FOR} a lookup is answered from
 * memory (every range request of a playing recording looks its call up), and while Redis is unreachable a cached
 * recording of a known call still plays. That is safe because a call never changes owner, and its age only ever
 * becomes more precise.
 */
public class RedisCallDirectory implements CallDirectory {

    private static final Logger log = LoggerFactory.getLogger(RedisCallDirectory.class);
    private static final int REMEMBERED_CALLS = 50_000;
    static final java.time.Duration FRESH_FOR = java.time.Duration.ofSeconds(30);

    private record Remembered(Call call, long atNanos) {
        boolean fresh() {
            return System.nanoTime() - atNanos < FRESH_FOR.toNanos();
        }
    }

    private static final String BUSINESS = "business";
    private static final String DIRECTION = "direction";
    private static final String FROM = "from";
    private static final String TO = "to";
    private static final String STARTED_AT = "startedAt";
    private static final String DURATION = "durationSeconds";
    private static final String RECORDING_SID = "recordingSid";
    private static final String RECORDING_CREATED_AT = "recordingCreatedAt";

    /**
     * Writes the known fields unless another business owns the call, and lists the call in its business's indexes
     * once its details are known; answers the call as stored. KEYS: the call, the business's index, the business's
     * index of the call's direction. ARGV: business, listing member (or ''), field/value pairs.
     */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> REGISTER = RedisScript.of("""
            local owner = redis.call('HGET', KEYS[1], 'business')
            if (not owner) or owner == ARGV[1] then
              redis.call('HSET', KEYS[1], 'business', ARGV[1], unpack(ARGV, 3))
              if ARGV[2] ~= '' then
                redis.call('ZADD', KEYS[2], 0, ARGV[2])
                redis.call('ZADD', KEYS[3], 0, ARGV[2])
              end
            end
            return redis.call('HGETALL', KEYS[1])
            """, List.class);

    private final StringRedisTemplate redis;
    private final Map<CallSid, Remembered> remembered = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<CallSid, Remembered> eldest) {
                    return size() > REMEMBERED_CALLS;
                }
            });

    public RedisCallDirectory(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public Optional<Call> find(CallSid sid) {
        Remembered known = remembered.get(sid);
        if (known != null && known.fresh()) {
            return Optional.of(known.call());
        }
        try {
            return load(sid);
        } catch (DataAccessException e) {
            if (known == null) {
                throw new SharedStateUnavailableException("Redis unavailable while looking up a call", e);
            }
            log.debug("Redis unavailable: answering {} from this instance's memory", sid);
            return Optional.of(known.call());
        }
    }

    /** Straight from Redis: what this instance remembers may predate facts another instance registered. */
    private Optional<Call> load(CallSid sid) {
        Map<Object, Object> fields = redis.opsForHash().entries(RedisKeys.call(sid));
        return fields.isEmpty() ? Optional.empty() : Optional.of(remember(toCall(sid, fields)));
    }

    private Call remember(Call call) {
        remembered.put(call.sid(), new Remembered(call, System.nanoTime()));
        return call;
    }

    @Override
    public Call register(Call facts) {
        List<String> args = new ArrayList<>();
        args.add(facts.business().value());
        args.add(facts.details() == null ? "" : RedisKeys.listingMember(CallCursor.of(facts)));
        facts.knownDetails().ifPresent(details -> {
            args.addAll(List.of(DIRECTION, details.direction().wireName(), FROM, details.from(), TO, details.to(),
                    STARTED_AT, details.startedAt().toString(), DURATION, Long.toString(details.durationSeconds())));
        });
        if (facts.recordingSid() != null) {
            args.addAll(List.of(RECORDING_SID, facts.recordingSid().value()));
        }
        if (facts.recordingCreatedAt() != null) {
            args.addAll(List.of(RECORDING_CREATED_AT, facts.recordingCreatedAt().toString()));
        }
        // Without details the direction is unknown: the third key is then a placeholder the script never touches.
        Direction direction = facts.details() == null ? Direction.INBOUND : facts.details().direction();
        List<String> keys = List.of(RedisKeys.call(facts.sid()), RedisKeys.businessCalls(facts.business()),
                RedisKeys.businessCalls(facts.business(), direction));
        List<?> stored = RedisGuard.call("registering a call", () -> redis.execute(REGISTER, keys, args.toArray()));
        Map<Object, Object> fields = new HashMap<>();
        for (int i = 0; i + 1 < stored.size(); i += 2) {
            fields.put(stored.get(i), stored.get(i + 1));
        }
        return remember(toCall(facts.sid(), fields));
    }

    @Override
    public CallPage listCalls(BusinessId business, Direction direction, int limit, CallCursor before) {
        String index = direction == null ? RedisKeys.businessCalls(business) : RedisKeys.businessCalls(business, direction);
        Range<String> range = before == null
                ? Range.unbounded()
                : Range.leftUnbounded(Range.Bound.exclusive(RedisKeys.listingMember(before)));
        Set<String> members = RedisGuard.call("listing calls",
                () -> redis.opsForZSet().reverseRangeByLex(index, range, Limit.limit().count(limit + 1)));
        List<Call> calls = new ArrayList<>();
        for (String member : members == null ? Set.<String>of() : members) {
            if (calls.size() == limit) {
                return new CallPage(calls, CallCursor.of(calls.getLast()));
            }
            // Listed calls need their details: read them fresh, not from this instance's memory.
            RedisGuard.call("listing calls", () -> load(RedisKeys.callSidOf(member)))
                    .filter(call -> call.details() != null).ifPresent(calls::add);
        }
        return new CallPage(calls, null);
    }

    private static Call toCall(CallSid sid, Map<Object, Object> fields) {
        CallDetails details = fields.containsKey(DIRECTION)
                ? new CallDetails(Direction.fromWireName(string(fields, DIRECTION)), string(fields, FROM),
                        string(fields, TO), Instant.parse(string(fields, STARTED_AT)),
                        Long.parseLong(string(fields, DURATION)))
                : null;
        String recordingSid = string(fields, RECORDING_SID);
        String createdAt = string(fields, RECORDING_CREATED_AT);
        return new Call(sid, new BusinessId(string(fields, BUSINESS)), details,
                recordingSid == null ? null : new RecordingSid(recordingSid),
                createdAt == null ? null : Instant.parse(createdAt));
    }

    private static String string(Map<Object, Object> fields, String name) {
        Object value = fields.get(name);
        return value == null ? null : value.toString();
    }
}
