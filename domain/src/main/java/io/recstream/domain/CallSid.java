package io.recstream.domain;

/** Twilio's identifier of a call: {@code CA} and 32 hex digits. */
public record CallSid(String value) {

    public CallSid {
        Shapes.requireSid("CA", InvalidIdentifierException.Kind.CALL_SID, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
