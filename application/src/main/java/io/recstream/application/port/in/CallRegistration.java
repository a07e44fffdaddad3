package io.recstream.application.port.in;

import io.recstream.domain.Call;
import io.recstream.domain.FactPosition;
import java.util.Objects;

/**
 * Facts about a call from the telephony service, Twilio's webhook or recstream's own record.
 *
 * @param recordingComplete whether the source says the recording is complete at Twilio (a prefetch may start)
 * @param position          where the facts stand in their record, or null for a report not recorded yet
 */
public record CallRegistration(Call facts, boolean recordingComplete, FactPosition position) {

    public CallRegistration {
        Objects.requireNonNull(facts, "facts");
    }
}
