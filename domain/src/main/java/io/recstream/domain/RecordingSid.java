package io.recstream.domain;

/** Twilio's identifier of a recording: {@code RE} and 32 hex digits. */
public record RecordingSid(String value) {

    public RecordingSid {
        Shapes.requireSid("RE", InvalidIdentifierException.Kind.RECORDING_SID, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
