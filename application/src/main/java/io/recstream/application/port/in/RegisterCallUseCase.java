package io.recstream.application.port.in;

import io.recstream.domain.ReadPosition;
import java.util.Optional;

/** recstream learns about calls and their recordings. Idempotent: sources retry, and the record is replayed. */
public interface RegisterCallUseCase {

    /**
     * A fact recstream is told directly (Twilio's webhook): it is recorded durably first, then taken in. Registered
     * means recorded: the directory catches up from the record should it be unreachable just now.
     */
    RegistrationResult report(CallRegistration registration);

    /** A fact that is on record already (the calls topic, recstream's registrations) is taken in. */
    RegistrationResult learn(CallRegistration registration);

    /**
     * Where the record's reader is to go on from in one partition, by what the directory has taken in: behind the
     * reader's own position if the directory lost its newest facts, the record's start if it holds no position for
     * it (a partition added since it was rebuilt). Empty if the directory can't be read now, or lost everything (its
     * rebuild replays the whole record).
     */
    Optional<ReadPosition> readFrom(String source, int partition);
}
