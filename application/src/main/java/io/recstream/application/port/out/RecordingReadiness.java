package io.recstream.application.port.out;

import io.recstream.domain.CallSid;
import java.time.Duration;

/**
 * Wakes up requests that wait for a recording (on any instance) when its download ends, and when its waveform is kept.
 */
public interface RecordingReadiness {

    /** Signals that the call's download ended, in success or failure, or that its waveform is now kept. */
    void announce(CallSid callSid);

    /**
     * Starts listening for the call's next announcement. A caller listens first and looks at the state second, so
     * that an announcement made in between is not missed; then it waits.
     */
    Announcement expect(CallSid callSid);

    /** A listening for one call's announcement; close it once done. */
    interface Announcement extends AutoCloseable {

        /** Waits until the announcement came (perhaps already) or {@code maxWait} passed, whichever comes first. */
        void await(Duration maxWait);

        @Override
        void close();
    }
}
