package io.recstream.application.port.in;

import io.recstream.domain.Call;
import io.recstream.domain.FactPosition;
import io.recstream.domain.ReadStep;
import java.util.Objects;

/**
 * Facts about a call from the telephony service, Twilio's webhook or recstream's own record.
 *
 * @param recordingComplete whether the source says the recording is complete at Twilio (a prefetch may start)
 * @param position          where the facts stand in their record, or null for a report not recorded yet
 * @param read              how far the record's reader has come once these facts are taken in; only the reader
 *                          that takes the record in order says so (null otherwise)
 */
public record CallRegistration(Call facts, boolean recordingComplete, FactPosition position, ReadStep read) {

    public CallRegistration {
        Objects.requireNonNull(facts, "facts");
    }

    /** Facts taken in out of the record's order (a report, a replay): they move no reader on. */
    public CallRegistration(Call facts, boolean recordingComplete, FactPosition position) {
        this(facts, recordingComplete, position, null);
    }
}
