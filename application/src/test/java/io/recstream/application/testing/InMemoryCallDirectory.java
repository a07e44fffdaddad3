package io.recstream.application.testing;

import io.recstream.application.port.out.CallDirectory;
import io.recstream.application.port.out.CallPage;
import io.recstream.application.port.out.RecordedFact;
import io.recstream.application.port.out.SharedStateUnavailableException;
import io.recstream.domain.BusinessId;
import io.recstream.domain.Call;
import io.recstream.domain.CallCursor;
import io.recstream.domain.CallFilter;
import io.recstream.domain.CallSid;
import io.recstream.domain.FactPosition;
import io.recstream.domain.ReadPosition;
import io.recstream.domain.ReadStep;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The call directory in memory; {@link #loseEverything()} plays Redis losing its data. */
public final class InMemoryCallDirectory implements CallDirectory {

    private record Entry(Call call, Map<String, Long> positions) {
    }

    private final Map<CallSid, Entry> calls = new HashMap<>();
    /** Null once everything is lost: a directory that knows no positions is incomplete until rebuilt. */
    private Map<String, ReadPosition> readPositions = new HashMap<>();

    @Override
    public synchronized Optional<Call> find(CallSid sid) {
        Optional<Call> found = Optional.ofNullable(calls.get(sid)).map(Entry::call);
        if (!isComplete() && found.filter(call -> !call.isProvisional()).isEmpty()) {
            throw new SharedStateUnavailableException("the call directory is being rebuilt", null);
        }
        return found;
    }

    @Override
    public synchronized CallPage listCalls(BusinessId business, CallFilter filter, int limit, CallCursor before) {
        if (!isComplete()) {
            throw new SharedStateUnavailableException("the call directory is being rebuilt", null);
        }
        List<Call> matching = calls.values().stream().map(Entry::call)
                .filter(call -> call.belongsTo(business) && filter.matches(call))
                .filter(call -> before == null || CallCursor.NEWEST_FIRST.compare(CallCursor.of(call), before) > 0)
                .sorted(Comparator.comparing(CallCursor::of, CallCursor.NEWEST_FIRST))
                .limit(limit + 1L)
                .toList();
        if (matching.size() <= limit) {
            return new CallPage(matching, null);
        }
        List<Call> page = matching.subList(0, limit);
        return new CallPage(page, CallCursor.of(page.getLast()));
    }

    @Override
    public synchronized Call register(Call facts, FactPosition position, ReadStep read) {
        ReadPosition recorded = read == null || !isComplete() ? null
                : readPositions.get(read.source() + "/" + read.partition());
        if (read != null && isComplete() && (recorded == null ? 0 : recorded.next()) >= read.from()) {
            advance(read.position());
        }
        Entry known = calls.get(facts.sid());
        Map<String, Long> positions = known == null ? new HashMap<>() : new HashMap<>(known.positions());
        if (position != null) {
            Long taken = positions.get(position.source());
            if (taken != null && taken >= position.sequence()) {
                return known.call();
            }
            positions.put(position.source(), position.sequence());
        }
        Call stored = known == null ? facts : known.call().absorb(facts);
        calls.put(facts.sid(), new Entry(stored, positions));
        return stored;
    }

    private void advance(ReadPosition read) {
        readPositions.merge(read.source() + "/" + read.partition(), read, (recorded, now) ->
                now.next() > recorded.next() ? now : recorded);
    }

    @Override
    public synchronized void registerAll(List<RecordedFact> facts) {
        facts.forEach(fact -> register(fact.facts(), fact.position(), null));
    }

    @Override
    public synchronized Optional<ReadPosition> readPosition(String source, int partition) {
        return isComplete() ? Optional.ofNullable(readPositions.get(source + "/" + partition)) : Optional.empty();
    }

    @Override
    public synchronized boolean isComplete() {
        return readPositions != null;
    }

    @Override
    public synchronized void completeUpTo(List<ReadPosition> ends) {
        if (readPositions == null) {
            readPositions = new HashMap<>();
        }
        ends.forEach(this::advance);
    }

    /** As Redis does on a restart without persistence, or FLUSHALL: the calls, and how far they were read. */
    public synchronized void loseEverything() {
        calls.clear();
        readPositions = null;
    }
}
