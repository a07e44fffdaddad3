package io.recstream.application.port.out;

import io.recstream.domain.Call;
import io.recstream.domain.CallSid;
import java.util.Optional;

/** The calls recstream knows, with their owners and recordings. */
public interface CallDirectory {

    Optional<Call> find(CallSid sid);

    /**
     * Records facts about a call atomically: a new call is stored as given; a known call of the same business is
     * merged ({@link Call#mergedWith}); a call owned by another business is left as it is.
     *
     * @return the call as stored afterwards (owned by another business if the facts were refused)
     */
    Call register(Call facts);
}
