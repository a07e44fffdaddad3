package io.recstream.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an agent types to find a call: the end of a phone number (at least 4 digits, any formatting; a national
 * number with its trunk {@code 0} finds the international one), or a call SID or a prefix of one (at least 8
 * characters). The one rule of which calls match.
 */
public sealed interface CallSearch {

    int MIN_DIGITS = 4;
    int MIN_SID_PREFIX = 8;

    boolean matches(Call call);

    /** A number as searches compare it: its digits only ({@code +972-50-000-0007} → {@code 972500000007}). */
    static String digitsOf(String number) {
        return number.replaceAll("\\D", "");
    }

    /**
     * @throws IllegalArgumentException if {@code text} is neither enough digits nor a long enough SID prefix
     */
    static CallSearch parse(String text) {
        String trimmed = text.strip();
        if (trimmed.regionMatches(true, 0, "CA", 0, 2)) {
            String prefix = trimmed.toLowerCase(Locale.ROOT);
            if (prefix.length() < MIN_SID_PREFIX || !SidPrefix.SHAPE.matcher(prefix).matches()) {
                throw new IllegalArgumentException("a call SID prefix is CA and at least 6 hex digits");
            }
            return new SidPrefix(prefix);
        }
        String digits = digitsOf(trimmed);
        if (digits.length() < MIN_DIGITS) {
            throw new IllegalArgumentException("a number to search for has at least " + MIN_DIGITS + " digits");
        }
        List<String> endings = new ArrayList<>(List.of(digits));
        // An international access prefix (00) or a national trunk prefix (0) is not part of the number as recorded.
        String withoutPrefix = digits.startsWith("00") ? digits.substring(2)
                : digits.startsWith("0") ? digits.substring(1) : digits;
        if (!withoutPrefix.equals(digits) && withoutPrefix.length() >= MIN_DIGITS) {
            endings.add(withoutPrefix);
        }
        return new NumberEnding(List.copyOf(endings));
    }

    /** A call whose {@code from} or {@code to} number, digits only, ends with one of {@code endings}. */
    record NumberEnding(List<String> endings) implements CallSearch {
        @Override
        public boolean matches(Call call) {
            CallDetails details = call.details();
            return details != null && (endsWithOne(details.from()) || endsWithOne(details.to()));
        }

        private boolean endsWithOne(String number) {
            String digits = digitsOf(number);
            return endings.stream().anyMatch(digits::endsWith);
        }
    }

    /** A call whose SID starts with {@code prefix} (lower case: a SID's hex digits may come in either case). */
    record SidPrefix(String prefix) implements CallSearch {
        private static final Pattern SHAPE = Pattern.compile("ca[0-9a-f]+");

        @Override
        public boolean matches(Call call) {
            return call.sid().value().toLowerCase(Locale.ROOT).startsWith(prefix);
        }
    }
}
