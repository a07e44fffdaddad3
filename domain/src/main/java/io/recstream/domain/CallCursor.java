package io.recstream.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A position in a business's call list, which runs newest first (by start, then by SID): a page continues with the
 * calls strictly after the cursor, so calls that arrive meanwhile never shift or repeat a later page.
 */
public record CallCursor(Instant startedAt, CallSid callSid) {

    /** Newest first; among calls started in the same millisecond, the greater SID first. */
    public static final Comparator<CallCursor> NEWEST_FIRST = Comparator.comparing(CallCursor::startedAt)
            .thenComparing(cursor -> cursor.callSid().value()).reversed();

    public CallCursor {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(callSid, "callSid");
    }

    public static CallCursor of(Call call) {
        return new CallCursor(call.details().startedAt(), call.sid());
    }
}
