package io.recstream.application.testing;

import io.recstream.application.port.out.UndrawableRecordings;
import io.recstream.domain.CallSid;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Remembers every recording it is told of: a test holds too few to need a bound. */
public class InMemoryUndrawableRecordings implements UndrawableRecordings {

    private final Set<CallSid> remembered = ConcurrentHashMap.newKeySet();

    @Override
    public void remember(CallSid callSid) {
        remembered.add(callSid);
    }

    @Override
    public boolean contains(CallSid callSid) {
        return remembered.contains(callSid);
    }
}
