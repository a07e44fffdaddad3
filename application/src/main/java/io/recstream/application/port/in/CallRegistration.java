package io.recstream.application.port.in;

import io.recstream.domain.Call;
import java.util.Objects;

/**
 * Facts about a call from the telephony service or Twilio's webhook.
 *
 * @param recordingComplete whether the source says the recording is complete at Twilio (a prefetch may start)
 */
public record CallRegistration(Call facts, boolean recordingComplete) {

    public CallRegistration {
        Objects.requireNonNull(facts, "facts");
    }
}
