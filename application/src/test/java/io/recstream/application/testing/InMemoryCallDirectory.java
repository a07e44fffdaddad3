package io.recstream.application.testing;

import io.recstream.application.port.out.CallDirectory;
import io.recstream.domain.Call;
import io.recstream.domain.CallSid;
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
    public Call register(Call facts) {
        return calls.merge(facts.sid(), facts,
                (known, newer) -> known.belongsTo(newer.business()) ? known.mergedWith(newer) : known);
    }
}
