package io.recstream.application.testing;

import io.recstream.application.port.out.RecordingReadiness;
import io.recstream.domain.CallSid;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A single-threaded stand-in for readiness signals: waiting runs whatever the test scheduled to happen "meanwhile"
 * (e.g. a worker finishing the download), and ends at once if that announced the call, or else advances the test
 * clock by the whole wait.
 */
public final class ClockAdvancingReadiness implements RecordingReadiness {

    private final MutableClock clock;
    private final List<CallSid> announced = new CopyOnWriteArrayList<>();
    private volatile Runnable meanwhile = () -> {
    };

    public ClockAdvancingReadiness(MutableClock clock) {
        this.clock = clock;
    }

    public void whileWaiting(Runnable action) {
        this.meanwhile = action;
    }

    @Override
    public void announce(CallSid callSid) {
        announced.add(callSid);
    }

    @Override
    public Announcement expect(CallSid callSid) {
        return new Announcement() {
            @Override
            public void await(Duration maxWait) {
                int before = announced.size();
                Runnable action = meanwhile;
                meanwhile = () -> {
                };
                action.run();
                boolean woken = announced.subList(before, announced.size()).contains(callSid);
                clock.advance(woken ? Duration.ZERO : maxWait);
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    public List<CallSid> announced() {
        return List.copyOf(announced);
    }
}
