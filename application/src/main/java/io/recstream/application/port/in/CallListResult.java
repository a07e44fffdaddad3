package io.recstream.application.port.in;

import io.recstream.domain.CallCursor;
import java.util.List;

public sealed interface CallListResult {

    /** @param next where the next page starts, or null if this is the last */
    record Listed(List<ListedCall> calls, CallCursor next) implements CallListResult {
    }

    record Denied(AccessDenial reason) implements CallListResult {
    }

    record Unavailable(Unavailability reason) implements CallListResult {
    }
}
