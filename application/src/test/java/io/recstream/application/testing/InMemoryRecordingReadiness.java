package io.recstream.application.testing;

import io.recstream.application.port.out.LocalAnnouncements;
import io.recstream.application.port.out.RecordingReadiness;
import io.recstream.domain.CallSid;

/** Readiness in one JVM, in real time: an announcement releases every request listening for that call. */
public final class InMemoryRecordingReadiness implements RecordingReadiness {

    private final LocalAnnouncements listeners = new LocalAnnouncements();

    @Override
    public void announce(CallSid callSid) {
        listeners.deliver(callSid);
    }

    @Override
    public Announcement expect(CallSid callSid) {
        return listeners.listen(callSid);
    }
}
