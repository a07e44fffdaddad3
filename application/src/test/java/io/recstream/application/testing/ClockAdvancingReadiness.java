package io.recstream.application.testing;

import io.recstream.application.port.out.RecordingReadiness;
import io.recstream.domain.CallSid;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A single-threaded stand-in for readiness signals: waiting advances the test clock by the time waited and runs
 * whatever the test scheduled to happen "meanwhile" (e.g. a worker finishing the download).
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
    public void awaitAnnouncement(CallSid callSid, Duration maxWait) {
        clock.advance(maxWait);
        Runnable action = meanwhile;
        meanwhile = () -> {
        };
        action.run();
    }

    public List<CallSid> announced() {
        return List.copyOf(announced);
    }
}
