package io.recstream.adapter.web;

import io.recstream.domain.CallCursor;
import io.recstream.domain.CallSid;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** A call list's cursor as the API hands it out: an opaque token that clients send back as is. */
final class CursorToken {

    private CursorToken() {
    }

    static String encode(CallCursor cursor) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (cursor.startedAt().toEpochMilli() + ":" + cursor.callSid().value()).getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws IllegalArgumentException if the token was not made by {@link #encode} */
    static CallCursor decode(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII).split(":", 2);
            return new CallCursor(Instant.ofEpochMilli(Long.parseLong(parts[0])), new CallSid(parts[1]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a call list cursor", e);
        }
    }
}
