package io.recstream.domain;

import java.util.regex.Pattern;

/** Twilio's identifier of a call: {@code CA} and 32 hex digits. */
public record CallSid(String value) {

    private static final Pattern SHAPE = Pattern.compile("^CA[0-9a-fA-F]{32}$");

    public CallSid {
        Shapes.require(SHAPE, InvalidIdentifierException.Kind.CALL_SID, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
