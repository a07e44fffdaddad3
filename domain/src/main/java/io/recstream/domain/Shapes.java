package io.recstream.domain;

/**
 * The checks the identifier records share, written as character tests rather than regular expressions: every request
 * builds its identifiers, and a matcher per identifier was a measurable part of serving a cached range
 * (bench/findings.md).
 */
final class Shapes {

    /** The hex digits after a Twilio SID's two-letter prefix. */
    private static final int SID_HEX_DIGITS = 32;

    private Shapes() {
    }

    /** {@code prefix} followed by exactly 32 hex digits of either case: a Twilio SID. */
    static void requireSid(String prefix, InvalidIdentifierException.Kind kind, String value) {
        if (value == null || value.length() != prefix.length() + SID_HEX_DIGITS || !value.startsWith(prefix)
                || !allFrom(value, prefix.length(), true)) {
            throw new InvalidIdentifierException(kind, value);
        }
    }

    /** 1 to {@code maxLength} ASCII letters, digits, {@code _} or {@code -}. */
    static void requireName(int maxLength, InvalidIdentifierException.Kind kind, String value) {
        if (value == null || value.isEmpty() || value.length() > maxLength || !allFrom(value, 0, false)) {
            throw new InvalidIdentifierException(kind, value);
        }
    }

    private static boolean allFrom(String value, int start, boolean hexOnly) {
        for (int i = start; i < value.length(); i++) {
            if (!(hexOnly ? isHexDigit(value.charAt(i)) : isNameCharacter(value.charAt(i)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isNameCharacter(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
    }
}
