package io.recstream.adapter.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.recstream.application.port.out.CallDirectory;
import io.recstream.application.port.out.CallPage;
import io.recstream.application.port.out.SharedStateUnavailableException;
import io.recstream.domain.BusinessId;
import io.recstream.domain.Call;
import io.recstream.domain.CallCursor;
import io.recstream.domain.CallFilter;
import io.recstream.domain.CallSearch;
import io.recstream.domain.CallDetails;
import io.recstream.domain.CallSid;
import io.recstream.domain.Direction;
import io.recstream.domain.FactPosition;
import io.recstream.domain.Ownership;
import io.recstream.domain.ReadPosition;
import io.recstream.domain.ReadStep;
import io.recstream.domain.RecordingSid;
import io.recstream.application.port.out.RecordedFact;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Each call is a hash {@code recstream:call:<sid>}, listed in its business's indexes once its details are known. A
 * registration reads the hash, works out the call's new state in Java ({@link Call#absorb}: the precedence rules
 * live there only) and writes it back only if nobody changed it meanwhile (a version field), trying again otherwise.
 * Each hash keeps, per record, the position of the last fact it took in, so a replay never undoes a newer fact; and
 * it expires a day after its call leaves the retention, as do its index entries.
 *
 * <p>The directory is a view that may be lost (a Redis restart without persistence, a failover, FLUSHALL). How far
 * its reader has read each partition of the record is a hash, {@code recstream:calls:read-v2}, written in the same
 * script as the facts: lost with them, never without. Only a replay of the whole record creates it (live facts move
 * it on once it exists): while it is missing, an unknown or provisionally owned call can't be told apart from one not
 * replayed yet, and lookups of them fail as "unavailable", never as "unknown".
 *
 * <p>The calls this instance has seen are remembered locally too: for a while (its freshness) a lookup is answered from
 * memory (every range request of a playing recording looks its call up), and while Redis is unreachable, or the
 * directory is being rebuilt, a recording of a known call still plays. Only authoritatively owned calls are
 * remembered: their owner never changes.
 *
 * <p>A replay takes a batch in with two pipelined round trips: every call's hash read at once, each call's facts
 * folded in Java as one by one, and every changed call written at once by the same script; a call that changed
 * meanwhile (a live fact) is registered again on its own.
 */
public class RedisCallDirectory implements CallDirectory {

    private static final Logger log = LoggerFactory.getLogger(RedisCallDirectory.class);
    private static final int REMEMBERED_CALLS = 50_000;
    private static final int WRITE_ATTEMPTS = 16;
    /** Index entries a search reads at a time, to find a page's worth of matches among them. */
    private static final int SEARCH_CHUNK = 500;
    /**
     * A call is listed, besides its business's indexes, in one index per last {@value} digits of its numbers: a search
     * by a number's end (at least as many digits) reads the calls of that index only, about 2 in 10,000 of them.
     */
    private static final int ENDING_DIGITS = CallSearch.MIN_DIGITS;
    /**
     * ... and in one index per start of its SID, {@code ca} and 3 hex digits (4,096 indexes, each with about 100 of
     * a business's 400,000 calls): a search by a SID's start (at least 8 characters) reads that index only.
     */
    private static final int SID_START = 5;

    private record Remembered(Call call, long atNanos) {
    }

    private static final String VERSION = "v";
    private static final String BUSINESS = "business";
    private static final String OWNERSHIP = "ownership";
    private static final String DIRECTION = "direction";
    private static final String FROM = "from";
    private static final String TO = "to";
    private static final String STARTED_AT = "startedAt";
    private static final String DURATION = "durationSeconds";
    private static final String RECORDING_SID = "recordingSid";
    private static final String RECORDING_CREATED_AT = "recordingCreatedAt";
    private static final String POSITION_PREFIX = "pos:";

    private static final String REBUILT_AT = "rebuiltAt";

    /**
     * Moves the reader's position on if it is further than the one recorded, and the one recorded is at least where
     * the reader's step began (none counts as the start): one behind lost facts, whose gap must stay visible.
     * KEYS[%2$s]: the positions; ARGV[%1$s] to ARGV[%1$s + 2]: the partition's field (or ''), the next place and the
     * step's start; %3$s: whether positions are recorded now.
     */
    private static final String ADVANCE_READ_BODY = """
            if ARGV[%1$s] ~= '' and %3$s then
              local recorded = redis.call('HGET', KEYS[%2$s], ARGV[%1$s])
              if tonumber(ARGV[%1$s + 1]) > tonumber(recorded or '-1')
                  and tonumber(recorded or '0') >= tonumber(ARGV[%1$s + 2]) then
                redis.call('HSET', KEYS[%2$s], ARGV[%1$s], ARGV[%1$s + 1])
              end
            end
            """;

    /** Live facts move the positions of a directory that knows them: an incomplete one gets them from its rebuild. */
    private static final String WHILE_COMPLETE = "redis.call('EXISTS', KEYS[%s]) == 1";

    private static final RedisScript<Long> ADVANCE_READ = RedisScript.of(ADVANCE_READ_BODY.formatted("1", "1",
            WHILE_COMPLETE.formatted("1")) + "return 1", Long.class);

    /** A replay's end, for every partition, and the time of the rebuild. ARGV: that time, then field/next/0. */
    private static final RedisScript<Long> COMPLETE_UP_TO = RedisScript.of("for i = 2, #ARGV, 3 do\n"
            + ADVANCE_READ_BODY.formatted("i", "1", "true") + "end\nredis.call('HSET', KEYS[1], '" + REBUILT_AT
            + "', ARGV[1])\nreturn 1", Long.class);

    /**
     * Replaces the call's hash if its version is still the one read, moves its listing from the old indexes to the
     * new ones, drops index entries past the retention, and moves the reader's position on. KEYS: the call, the old
     * indexes, the new indexes, the reader's positions. ARGV: version read (or ''), expire-at ms, old member, new
     * member, number of old indexes, number of new indexes, prune-below member, index TTL ms, the reader's field (or
     * ''), next place and step's start, field/value pairs.
     */
    private static final RedisScript<Long> REPLACE_IF_UNCHANGED = RedisScript.of("""
            local version = redis.call('HGET', KEYS[1], 'v')
            if (version or '') ~= ARGV[1] then return 0 end
            """ + ADVANCE_READ_BODY.formatted("9", "#KEYS", WHILE_COMPLETE.formatted("#KEYS")) + """
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'v', tostring((tonumber(version) or 0) + 1), unpack(ARGV, 12))
            redis.call('PEXPIREAT', KEYS[1], ARGV[2])
            local old = tonumber(ARGV[5])
            for i = 1, old do redis.call('ZREM', KEYS[1 + i], ARGV[3]) end
            for i = 1, tonumber(ARGV[6]) do
              local index = KEYS[1 + old + i]
              redis.call('ZADD', index, 0, ARGV[4])
              redis.call('ZREMRANGEBYLEX', index, '-', '(' .. ARGV[7])
              redis.call('PEXPIRE', index, ARGV[8])
            end
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final Duration keepFor;
    private final Clock clock;
    private final long freshForNanos;
    /** Kept past their freshness: they answer while Redis is unreachable or the directory is rebuilt. */
    private final Cache<CallSid, Remembered> remembered = Caffeine.newBuilder().maximumSize(REMEMBERED_CALLS).build();

    /**
     * @param keepFor  how long past its age reference (see {@link Call#ageReference}) a call is kept
     * @param freshFor how long a remembered call answers a lookup without asking Redis
     */
    public RedisCallDirectory(StringRedisTemplate redis, Duration keepFor, Clock clock, Duration freshFor) {
        this.redis = redis;
        this.keepFor = keepFor;
        this.clock = clock;
        this.freshForNanos = freshFor.toNanos();
    }

    @Override
    public Optional<Call> find(CallSid sid) {
        Remembered known = remembered.getIfPresent(sid);
        if (known != null && System.nanoTime() - known.atNanos() < freshForNanos) {
            return Optional.of(known.call());
        }
        try {
            Optional<Call> found = load(sid);
            if (found.filter(call -> !call.isProvisional()).isEmpty() && !isComplete()) {
                if (known != null) {
                    log.debug("the call directory is being rebuilt: answering {} from this instance's memory", sid);
                    return Optional.of(known.call());
                }
                throw new SharedStateUnavailableException("the call directory is being rebuilt", null);
            }
            return found;
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

    /** A provisional owner may give way to another business any moment: such a call is always read afresh. */
    private Call remember(Call call) {
        if (call.isProvisional()) {
            remembered.invalidate(call.sid());
        } else {
            remembered.put(call.sid(), new Remembered(call, System.nanoTime()));
        }
        return call;
    }

    @Override
    public Call register(Call facts, FactPosition position, ReadStep read) {
        String key = RedisKeys.call(facts.sid());
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            Map<Object, Object> fields = RedisGuard.call("registering a call", () -> redis.opsForHash().entries(key));
            Optional<Call> known = fields.isEmpty() ? Optional.empty() : Optional.of(toCall(facts.sid(), fields));
            if (known.isPresent() && position != null && takenIn(positionsOf(fields), position)) {
                return remember(advanceRead(known.get(), read));
            }
            Call stored = known.map(call -> call.absorb(facts)).orElse(facts);
            if (known.isPresent() && stored.equals(known.get())) {
                return remember(advanceRead(stored, read));
            }
            if (replaceIfUnchanged(fields, known, stored, positionsAfter(fields, position), read)) {
                return remember(stored);
            }
        }
        throw new SharedStateUnavailableException("the call " + facts.sid() + " kept changing while registered", null);
    }

    /** A fact that changes nothing is taken in all the same: the reader has come past it. */
    private Call advanceRead(Call call, ReadStep read) {
        if (read != null) {
            RedisGuard.call("recording how far the call record was read", () -> redis.execute(ADVANCE_READ,
                    List.of(RedisKeys.CALLS_READ), readField(read.position()), Long.toString(read.next()),
                    Long.toString(read.from())));
        }
        return call;
    }

    private static String readField(ReadPosition read) {
        return readField(read.source(), read.partition());
    }

    private static String readField(String source, int partition) {
        return source + "/" + partition;
    }

    @Override
    public Optional<ReadPosition> readPosition(String source, int partition) {
        Object next = RedisGuard.call("reading how far the call record was read",
                () -> redis.opsForHash().get(RedisKeys.CALLS_READ, readField(source, partition)));
        return next == null ? Optional.empty()
                : Optional.of(new ReadPosition(source, partition, Long.parseLong(next.toString())));
    }

    @Override
    public void registerAll(List<RecordedFact> facts) {
        Map<CallSid, List<RecordedFact>> byCall = new LinkedHashMap<>();
        facts.forEach(fact -> byCall.computeIfAbsent(fact.facts().sid(), sid -> new ArrayList<>()).add(fact));
        List<CallSid> sids = List.copyOf(byCall.keySet());
        List<Map<Object, Object>> hashes = hashesOf(sids, "reading the calls a replay brings facts of");
        List<Replacement> replacements = new ArrayList<>();
        for (int i = 0; i < sids.size(); i++) {
            folded(sids.get(i), hashes.get(i), byCall.get(sids.get(i))).ifPresent(replacements::add);
        }
        List<Object> replaced = replaceAll(replacements);
        for (int i = 0; i < replacements.size(); i++) {
            if (!Long.valueOf(1L).equals(replaced.get(i))) {
                // Changed meanwhile by a live fact: its facts are taken in one by one, over what is there now.
                byCall.get(replacements.get(i).sid()).forEach(fact -> register(fact.facts(), fact.position(), null));
            }
        }
    }

    /** The calls' hashes, read in one round trip; an unknown call's is empty. */
    @SuppressWarnings("unchecked") // HGETALL answers a map
    private List<Map<Object, Object>> hashesOf(List<CallSid> sids, String doing) {
        if (sids.isEmpty()) {
            return List.of();
        }
        List<Object> hashes = RedisGuard.call(doing, () -> redis.executePipelined((RedisCallback<Object>) connection -> {
            sids.forEach(sid -> connection.hashCommands().hGetAll(bytes(RedisKeys.call(sid))));
            return null;
        }));
        return hashes.stream().map(hash -> (Map<Object, Object>) hash).toList();
    }

    /** A call's new hash, written if its version is still the one read. */
    private record Replacement(CallSid sid, List<String> keys, List<String> args) {
    }

    /** One call's replayed facts taken in as {@link #register} would one by one; empty if they change nothing. */
    private Optional<Replacement> folded(CallSid sid, Map<Object, Object> fields, List<RecordedFact> facts) {
        Optional<Call> known = fields.isEmpty() ? Optional.empty() : Optional.of(toCall(sid, fields));
        Call stored = known.orElse(null);
        Map<String, String> positions = positionsOf(fields);
        for (RecordedFact fact : facts) {
            if (stored == null || !takenIn(positions, fact.position())) {
                stored = stored == null ? fact.facts() : stored.absorb(fact.facts());
                positions.put(POSITION_PREFIX + fact.position().source(), Long.toString(fact.position().sequence()));
            }
        }
        return known.isPresent() && known.get().equals(stored) ? Optional.empty()
                : Optional.of(replacement(fields, known, stored, positions, null));
    }

    private List<Object> replaceAll(List<Replacement> replacements) {
        if (replacements.isEmpty()) {
            return List.of();
        }
        byte[] sha = bytes(REPLACE_IF_UNCHANGED.getSha1());
        // Loaded first, so that the pipeline can name it: a script cache flushed meanwhile fails the batch, retried.
        RedisGuard.call("loading the call directory's script", () -> redis.execute((RedisCallback<String>)
                connection -> connection.scriptingCommands().scriptLoad(bytes(REPLACE_IF_UNCHANGED.getScriptAsString()))));
        return RedisGuard.call("replaying facts into the call directory", () -> redis.executePipelined(
                (RedisCallback<Object>) connection -> {
                    for (Replacement replacement : replacements) {
                        List<byte[]> keysAndArgs = new ArrayList<>();
                        replacement.keys().forEach(key -> keysAndArgs.add(bytes(key)));
                        replacement.args().forEach(arg -> keysAndArgs.add(bytes(arg)));
                        connection.scriptingCommands().evalSha(sha, ReturnType.INTEGER, replacement.keys().size(),
                                keysAndArgs.toArray(byte[][]::new));
                    }
                    return null;
                }));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** The positions a call's hash holds, by field. */
    private static Map<String, String> positionsOf(Map<Object, Object> fields) {
        Map<String, String> positions = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (name.toString().startsWith(POSITION_PREFIX)) {
                positions.put(name.toString(), value.toString());
            }
        });
        return positions;
    }

    private static Map<String, String> positionsAfter(Map<Object, Object> fields, FactPosition position) {
        Map<String, String> positions = positionsOf(fields);
        if (position != null) {
            positions.put(POSITION_PREFIX + position.source(), Long.toString(position.sequence()));
        }
        return positions;
    }

    private static boolean takenIn(Map<String, String> positions, FactPosition position) {
        String taken = positions.get(POSITION_PREFIX + position.source());
        return taken != null && Long.parseLong(taken) >= position.sequence();
    }

    private boolean replaceIfUnchanged(Map<Object, Object> fields, Optional<Call> known, Call stored,
                                       Map<String, String> positions, ReadStep read) {
        Replacement replacement = replacement(fields, known, stored, positions, read);
        Long replaced = RedisGuard.call("registering a call", () -> redis.execute(REPLACE_IF_UNCHANGED,
                replacement.keys(), replacement.args().toArray()));
        return replaced != null && replaced == 1L;
    }

    private Replacement replacement(Map<Object, Object> fields, Optional<Call> known, Call stored,
                                    Map<String, String> positions, ReadStep read) {
        Instant now = clock.instant();
        List<String> oldIndexes = known.map(RedisCallDirectory::indexesOf).orElse(List.of());
        List<String> newIndexes = indexesOf(stored);
        List<String> keys = new ArrayList<>();
        keys.add(RedisKeys.call(stored.sid()));
        keys.addAll(oldIndexes);
        keys.addAll(newIndexes);
        keys.add(RedisKeys.CALLS_READ);
        List<String> args = new ArrayList<>(List.of(
                known.isPresent() ? string(fields, VERSION) : "",
                Long.toString(stored.ageReference().orElse(now).plus(keepFor).toEpochMilli()),
                known.filter(call -> call.details() != null).map(RedisCallDirectory::member).orElse(""),
                stored.details() != null ? member(stored) : "",
                Integer.toString(oldIndexes.size()), Integer.toString(newIndexes.size()),
                RedisKeys.listingPrefix(now.minus(keepFor)), Long.toString(keepFor.toMillis()),
                read == null ? "" : readField(read.position()), read == null ? "0" : Long.toString(read.next()),
                read == null ? "0" : Long.toString(read.from())));
        args.addAll(fieldsOf(stored));
        positions.forEach((name, value) -> args.addAll(List.of(name, value)));
        return new Replacement(stored.sid(), keys, args);
    }

    /**
     * Every index a call is listed in, all with the same member (its start and SID), so that a window and a cursor
     * bound each the same way: its business's, by direction, by the end of each number, by the start of its SID.
     */
    private static List<String> indexesOf(Call call) {
        if (call.details() == null) {
            return List.of();
        }
        BusinessId business = call.business();
        Set<String> indexes = new LinkedHashSet<>(List.of(RedisKeys.businessCalls(business),
                RedisKeys.businessCalls(business, call.details().direction())));
        for (String number : List.of(call.details().from(), call.details().to())) {
            String digits = CallSearch.digitsOf(number);
            if (digits.length() >= ENDING_DIGITS) {
                indexes.add(RedisKeys.callsEndingWith(business, digits.substring(digits.length() - ENDING_DIGITS)));
            }
        }
        indexes.add(RedisKeys.callsWithSidStart(business, sidStart(call.sid().value())));
        return List.copyOf(indexes);
    }

    private static String sidStart(String sidOrPrefix) {
        return sidOrPrefix.substring(0, SID_START).toLowerCase(Locale.ROOT);
    }

    /** The smallest index that holds every call the filter can match. */
    private static String indexFor(BusinessId business, CallFilter filter) {
        return switch (filter.search()) {
            case null -> filter.direction() == null ? RedisKeys.businessCalls(business)
                    : RedisKeys.businessCalls(business, filter.direction());
            // Every ending of a number search ends with the same digits: they differ only by a prefix left out.
            case CallSearch.NumberEnding ending -> {
                String digits = ending.endings().getFirst();
                yield RedisKeys.callsEndingWith(business, digits.substring(digits.length() - ENDING_DIGITS));
            }
            case CallSearch.SidPrefix prefix -> RedisKeys.callsWithSidStart(business, sidStart(prefix.prefix()));
        };
    }

    private static String member(Call call) {
        return RedisKeys.listingMember(CallCursor.of(call));
    }

    /** HSET sets a field once, the last value winning: positions come after these, the newest last. */
    private static List<String> fieldsOf(Call call) {
        List<String> fields = new ArrayList<>(List.of(BUSINESS, call.business().value(), OWNERSHIP, call.ownership().name()));
        call.knownDetails().ifPresent(details -> fields.addAll(List.of(DIRECTION, RedisKeys.directionName(details.direction()),
                FROM, details.from(), TO, details.to(), STARTED_AT, details.startedAt().toString(),
                DURATION, Long.toString(details.durationSeconds()))));
        if (call.recordingSid() != null) {
            fields.addAll(List.of(RECORDING_SID, call.recordingSid().value()));
        }
        if (call.recordingCreatedAt() != null) {
            fields.addAll(List.of(RECORDING_CREATED_AT, call.recordingCreatedAt().toString()));
        }
        return fields;
    }

    @Override
    public CallPage listCalls(BusinessId business, CallFilter filter, int limit, CallCursor before) {
        if (!isComplete()) {
            throw new SharedStateUnavailableException("the call directory is being rebuilt", null);
        }
        String index = indexFor(business, filter);
        // The index runs by start time: the window and the cursor bound the range; a search reads it in chunks.
        String upper = lowest(before == null ? null : RedisKeys.listingMember(before),
                filter.until() == null ? null : RedisKeys.listingPrefix(filter.until().plusMillis(1)));
        Range.Bound<String> lower = filter.since() == null ? Range.Bound.unbounded()
                : Range.Bound.inclusive(RedisKeys.listingPrefix(filter.since()));
        int chunk = filter.search() == null ? limit + 1 : SEARCH_CHUNK;
        List<Call> calls = new ArrayList<>();
        while (true) {
            Range<String> range = Range.of(lower, upper == null ? Range.Bound.unbounded() : Range.Bound.exclusive(upper));
            Set<String> members = RedisGuard.call("listing calls",
                    () -> redis.opsForZSet().reverseRangeByLex(index, range, Limit.limit().count(chunk)));
            List<String> read = members == null ? List.of() : List.copyOf(members);
            // Listed calls need their details: read them fresh, not from this instance's memory, all of a chunk at
            // once. An entry whose call expired meanwhile is skipped.
            List<CallSid> sids = read.stream().map(RedisKeys::callSidOf).toList();
            List<Map<Object, Object>> hashes = hashesOf(sids, "listing calls");
            for (int i = 0; i < sids.size(); i++) {
                if (hashes.get(i).isEmpty()) {
                    continue;
                }
                Call call = remember(toCall(sids.get(i), hashes.get(i)));
                if (filter.matches(call)) {
                    if (calls.size() == limit) {
                        return new CallPage(calls, CallCursor.of(calls.getLast()));
                    }
                    calls.add(call);
                }
            }
            if (read.size() < chunk) {
                return new CallPage(calls, null);
            }
            upper = read.getLast();
        }
    }

    /** The lower of two exclusive upper bounds; null for none. */
    private static String lowest(String one, String other) {
        return one == null ? other : other == null || one.compareTo(other) <= 0 ? one : other;
    }

    @Override
    public boolean isComplete() {
        return Boolean.TRUE.equals(RedisGuard.call("checking the call directory",
                () -> redis.hasKey(RedisKeys.CALLS_READ)));
    }

    /** The hash gets a field of its own too, so that a record without any partition yet completes it as well. */
    @Override
    public void completeUpTo(List<ReadPosition> ends) {
        List<String> args = new ArrayList<>(List.of(clock.instant().toString()));
        ends.forEach(end -> args.addAll(List.of(readField(end), Long.toString(end.next()), "0")));
        RedisGuard.run("recording how far the call record was replayed",
                () -> redis.execute(COMPLETE_UP_TO, List.of(RedisKeys.CALLS_READ), args.toArray()));
    }

    private static Call toCall(CallSid sid, Map<Object, Object> fields) {
        CallDetails details = fields.containsKey(DIRECTION)
                ? new CallDetails(Direction.valueOf(string(fields, DIRECTION).toUpperCase(Locale.ROOT)), string(fields, FROM),
                        string(fields, TO), Instant.parse(string(fields, STARTED_AT)),
                        Long.parseLong(string(fields, DURATION)))
                : null;
        String recordingSid = string(fields, RECORDING_SID);
        String createdAt = string(fields, RECORDING_CREATED_AT);
        String ownership = string(fields, OWNERSHIP);
        return new Call(sid, new BusinessId(string(fields, BUSINESS)),
                ownership == null ? Ownership.AUTHORITATIVE : Ownership.valueOf(ownership), details,
                recordingSid == null ? null : new RecordingSid(recordingSid),
                createdAt == null ? null : Instant.parse(createdAt));
    }

    private static String string(Map<Object, Object> fields, String name) {
        Object value = fields.get(name);
        return value == null ? null : value.toString();
    }
}
