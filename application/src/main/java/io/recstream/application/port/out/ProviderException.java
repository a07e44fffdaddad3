package io.recstream.application.port.out;

import io.recstream.domain.FailureCause;
import java.util.Objects;

/** The recording provider could not deliver; {@link #cause()} says whether trying again can help. */
public class ProviderException extends RuntimeException {

    private final FailureCause failureCause;

    public ProviderException(FailureCause failureCause, String message) {
        this(failureCause, message, null);
    }

    public ProviderException(FailureCause failureCause, String message, Throwable cause) {
        super(message, cause);
        this.failureCause = Objects.requireNonNull(failureCause, "failureCause");
    }

    public FailureCause failureCause() {
        return failureCause;
    }
}
