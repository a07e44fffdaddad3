package io.recstream.application.port.out;

import io.recstream.domain.BusinessId;
import io.recstream.domain.Call;
import io.recstream.domain.CallCursor;
import io.recstream.domain.CallSid;
import io.recstream.domain.Direction;
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

    /**
     * The business's calls whose details are known, newest first.
     *
     * @param direction only calls of this direction, or all if null
     * @param before    only calls after this position, or from the newest if null
     */
    CallPage listCalls(BusinessId business, Direction direction, int limit, CallCursor before);
}
