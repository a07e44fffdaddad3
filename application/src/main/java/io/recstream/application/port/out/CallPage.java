package io.recstream.application.port.out;

import io.recstream.domain.Call;
import io.recstream.domain.CallCursor;
import java.util.List;

/** @param next where the next page starts, or null if this is the last */
public record CallPage(List<Call> calls, CallCursor next) {

    public CallPage {
        calls = List.copyOf(calls);
    }
}
