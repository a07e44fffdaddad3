package io.recstream.domain;

/** An identifier that does not have the shape its kind requires; {@link #kind()} names which one. */
public final class InvalidIdentifierException extends IllegalArgumentException {

    /** The identifiers that can be malformed, so callers can say which one was. */
    public enum Kind { CALL_SID, RECORDING_SID, BUSINESS_ID }

    private final Kind kind;

    public InvalidIdentifierException(Kind kind, String value) {
        super(kind + " is malformed: " + abbreviate(value));
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    // Never echo an unbounded attacker-supplied string into logs or messages.
    private static String abbreviate(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= 40 ? '"' + value + '"' : '"' + value.substring(0, 40) + "…\"";
    }
}
