package io.recstream.application.port.in;

import io.recstream.domain.BusinessId;

/** What became of facts about a call. */
public sealed interface RegistrationResult {

    /** Taken in (or known already). */
    record Registered() implements RegistrationResult {
    }

    /** Another business owns the call: the facts were ignored. */
    record Refused(BusinessId owner) implements RegistrationResult {
    }

    /** Could not be taken in now (the record or the directory is unreachable): try again. */
    record Unavailable() implements RegistrationResult {
    }
}
