package io.recstream.domain;

import java.util.regex.Pattern;

/** Twilio's identifier of a recording: {@code RE} and 32 hex digits. */
public record RecordingSid(String value) {

    private static final Pattern SHAPE = Pattern.compile("^RE[0-9a-fA-F]{32}$");

    public RecordingSid {
        Shapes.require(SHAPE, InvalidIdentifierException.Kind.RECORDING_SID, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
