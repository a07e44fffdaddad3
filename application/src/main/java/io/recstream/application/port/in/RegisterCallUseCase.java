package io.recstream.application.port.in;

/** recstream learns about calls and their recordings. Idempotent: sources retry, and the record is replayed. */
public interface RegisterCallUseCase {

    /**
     * A fact recstream is told directly (Twilio's webhook): it is recorded durably first, then taken in. Registered
     * means recorded: the directory catches up from the record should it be unreachable just now.
     */
    RegistrationResult report(CallRegistration registration);

    /** A fact that is on record already (the calls topic, recstream's registrations) is taken in. */
    RegistrationResult learn(CallRegistration registration);
}
