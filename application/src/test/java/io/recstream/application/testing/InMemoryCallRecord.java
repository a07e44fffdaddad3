package io.recstream.application.testing;

import io.recstream.application.port.out.CallRecord;
import io.recstream.application.port.out.CallRecordUnavailableException;
import io.recstream.application.port.out.RecordedFact;
import io.recstream.domain.Call;
import io.recstream.domain.FactPosition;
import io.recstream.domain.ReadPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The record as a list of one partition: what recstream appended, and what the telephony service reported; can be
 * unreachable. A replay hands it over in batches of {@link #REPLAY_BATCH}.
 */
public final class InMemoryCallRecord implements CallRecord {

    public static final String REGISTRATIONS = "registrations";
    public static final String CALLS = "calls";
    static final int REPLAY_BATCH = 2;

    private final List<RecordedFact> entries = new ArrayList<>();
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
        entries.add(new RecordedFact(facts, position));
        return position;
    }

    @Override
    public List<ReadPosition> replay(Consumer<List<RecordedFact>> sink) {
        List<RecordedFact> snapshot;
        synchronized (this) {
            if (unreachable) {
                throw new CallRecordUnavailableException("record unreachable (test)", null);
            }
            snapshot = List.copyOf(entries);
        }
        for (int from = 0; from < snapshot.size(); from += REPLAY_BATCH) {
            sink.accept(snapshot.subList(from, Math.min(snapshot.size(), from + REPLAY_BATCH)));
        }
        return List.of(new ReadPosition(CALLS, 0, snapshot.size()), new ReadPosition(REGISTRATIONS, 0, snapshot.size()));
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
