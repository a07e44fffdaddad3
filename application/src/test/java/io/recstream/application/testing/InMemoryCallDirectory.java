package io.recstream.application.testing;

import io.recstream.application.port.out.CallDirectory;
import io.recstream.application.port.out.CallPage;
import io.recstream.domain.BusinessId;
import io.recstream.domain.Call;
import io.recstream.domain.CallCursor;
import io.recstream.domain.CallSid;
import io.recstream.domain.Direction;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryCallDirectory implements CallDirectory {

    private final Map<CallSid, Call> calls = new ConcurrentHashMap<>();

    @Override
    public Optional<Call> find(CallSid sid) {
        return Optional.ofNullable(calls.get(sid));
    }

    @Override
    public CallPage listCalls(BusinessId business, Direction direction, int limit, CallCursor before) {
        List<Call> matching = calls.values().stream()
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
    public Call register(Call facts) {
        return calls.merge(facts.sid(), facts,
                (known, newer) -> known.belongsTo(newer.business()) ? known.mergedWith(newer) : known);
    }
}
