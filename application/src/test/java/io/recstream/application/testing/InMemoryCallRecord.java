package io.recstream.application.testing;

import io.recstream.application.port.out.CallRecord;
import io.recstream.application.port.out.CallRecordUnavailableException;
import io.recstream.domain.Call;
import io.recstream.domain.FactPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** The record as a list: what recstream appended, and what the telephony service reported; can be unreachable. */
public final class InMemoryCallRecord implements CallRecord {

    public static final String REGISTRATIONS = "registrations";
    public static final String CALLS = "calls";

    private record Entry(Call facts, FactPosition position) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private boolean unreachable;

    @Override
    public synchronized FactPosition append(Call facts) {
        if (unreachable) {
            throw new CallRecordUnavailableException("record unreachable (test)", null);
        }
        return add(facts, REGISTRATIONS);
    }

    /** A fact the telephony service reported on its own topic. */
    public synchronized FactPosition reported(Call facts) {
        return add(facts, CALLS);
    }

    private FactPosition add(Call facts, String source) {
        FactPosition position = new FactPosition(source, entries.size());
        entries.add(new Entry(facts, position));
        return position;
    }

    @Override
    public void replay(BiConsumer<Call, FactPosition> sink) {
        List<Entry> snapshot;
        synchronized (this) {
            if (unreachable) {
                throw new CallRecordUnavailableException("record unreachable (test)", null);
            }
            snapshot = List.copyOf(entries);
        }
        snapshot.forEach(entry -> sink.accept(entry.facts(), entry.position()));
    }

    public synchronized void makeUnreachable(boolean value) {
        this.unreachable = value;
    }

    /** What recstream appended itself, oldest first. */
    public synchronized List<Call> appended() {
        List<Call> appended = new ArrayList<>();
        entries.stream().filter(entry -> entry.position().source().equals(REGISTRATIONS))
                .forEach(entry -> appended.add(entry.facts()));
        return appended;
    }
}
