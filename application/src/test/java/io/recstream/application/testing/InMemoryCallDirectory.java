package io.recstream.application.testing;

import io.recstream.application.port.out.CallDirectory;
import io.recstream.application.port.out.CallPage;
import io.recstream.application.port.out.SharedStateUnavailableException;
import io.recstream.domain.BusinessId;
import io.recstream.domain.Call;
import io.recstream.domain.CallCursor;
import io.recstream.domain.CallSid;
import io.recstream.domain.Direction;
import io.recstream.domain.FactPosition;
import io.recstream.domain.ReadPosition;
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
    private final Map<String, ReadPosition> readPositions = new HashMap<>();
    private boolean complete = true;

    @Override
    public synchronized Optional<Call> find(CallSid sid) {
        Optional<Call> found = Optional.ofNullable(calls.get(sid)).map(Entry::call);
        if (!complete && found.filter(call -> !call.isProvisional()).isEmpty()) {
            throw new SharedStateUnavailableException("the call directory is being rebuilt", null);
        }
        return found;
    }

    @Override
    public synchronized CallPage listCalls(BusinessId business, Direction direction, int limit, CallCursor before) {
        if (!complete) {
            throw new SharedStateUnavailableException("the call directory is being rebuilt", null);
        }
        List<Call> matching = calls.values().stream().map(Entry::call)
                .filter(call -> call.belongsTo(business) && call.details() != null)
                .filter(call -> direction == null || call.details().direction() == direction)
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
    public synchronized Call register(Call facts, FactPosition position, ReadPosition read) {
        if (read != null) {
            readPositions.merge(read.source() + "/" + read.partition(), read, (recorded, now) ->
                    now.next() > recorded.next() ? now : recorded);
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

    @Override
    public synchronized Optional<ReadPosition> readPosition(String source, int partition) {
        return Optional.ofNullable(readPositions.get(source + "/" + partition));
    }

    @Override
    public synchronized boolean isComplete() {
        return complete;
    }

    @Override
    public synchronized void markComplete() {
        complete = true;
    }

    /** As Redis does on a restart without persistence, or FLUSHALL: the calls, and the mark that it had them. */
    public synchronized void loseEverything() {
        calls.clear();
        readPositions.clear();
        complete = false;
    }
}
