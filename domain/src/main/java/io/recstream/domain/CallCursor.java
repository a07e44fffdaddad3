package io.recstream.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
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

    /** A token for clients to send back as is. */
    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((startedAt.toEpochMilli() + ":" + callSid.value()).getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws IllegalArgumentException if the token was not made by {@link #encode()} */
    public static CallCursor decode(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII).split(":", 2);
            return new CallCursor(Instant.ofEpochMilli(Long.parseLong(parts[0])), new CallSid(parts[1]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a call list cursor", e);
        }
    }
}
