package io.recstream.adapter.twilio;

import io.recstream.domain.FailureCause;
import java.time.Duration;

/**
 * One failed call to Twilio, as the adapter's resilience sees it.
 *
 * @param retryHere  whether trying the same call again at once is safe and may help (never after media bytes were
 *                   written: the sink can't take them back)
 * @param outage     whether it says Twilio is in trouble (timeouts, 5xx, 429), so it counts toward opening the circuit
 * @param retryAfter Twilio's Retry-After, or null
 */
final class TwilioFailure extends RuntimeException {

    private final FailureCause failureCause;
    private final boolean retryHere;
    private final boolean outage;
    private final transient Duration retryAfter;

    TwilioFailure(FailureCause failureCause, String message, boolean retryHere, boolean outage, Duration retryAfter,
                  Throwable cause) {
        super(message, cause);
        this.failureCause = failureCause;
        this.retryHere = retryHere;
        this.outage = outage;
        this.retryAfter = retryAfter;
    }

    /** Timeouts, connection errors, 5xx and 429 before any byte was received: retry, and count as an outage. */
    static TwilioFailure unavailable(String message, Duration retryAfter, Throwable cause) {
        return new TwilioFailure(FailureCause.PROVIDER_ERROR, message, true, true, retryAfter, cause);
    }

    /** A 4xx other than 429 or a malformed answer: retrying won't help, and Twilio itself is fine. */
    static TwilioFailure refused(FailureCause failureCause, String message) {
        return new TwilioFailure(failureCause, message, false, false, null, null);
    }

    /** The media broke off after bytes were written: an outage, but only a fresh download can retry it. */
    static TwilioFailure brokenBody(String message, Throwable cause) {
        return new TwilioFailure(FailureCause.PROVIDER_ERROR, message, false, true, null, cause);
    }

    /** Whether an HTTP status says Twilio is overloaded or failing (so a retry may succeed). */
    static boolean isOutageStatus(int status) {
        return status == 429 || status >= 500;
    }

    FailureCause failureCause() {
        return failureCause;
    }

    boolean retryHere() {
        return retryHere;
    }

    boolean outage() {
        return outage;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
