package io.recstream.application.port.out;

import io.recstream.domain.CallSid;
import java.time.Duration;

/** Wakes up requests that wait for a recording (on any instance) when its download ends. */
public interface RecordingReadiness {

    /** Signals that the call's download ended, in success or failure. */
    void announce(CallSid callSid);

    /**
     * Waits until the call's download is announced or {@code maxWait} passes, whichever comes first. Callers check
     * the state again afterwards: a wake-up is a hint, not a promise.
     */
    void awaitAnnouncement(CallSid callSid, Duration maxWait);
}
