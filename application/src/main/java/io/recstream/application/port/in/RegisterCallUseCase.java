package io.recstream.application.port.in;

/** The telephony service or Twilio tells recstream about a call and its recording. Idempotent. */
public interface RegisterCallUseCase {

    /** @return false if the call is already owned by another business (the facts are then ignored) */
    boolean register(CallRegistration registration);
}
