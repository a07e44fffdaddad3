package io.recstream.adapter.web;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

/** The {@code wait} preference of RFC 7240 ({@code Prefer: wait=5}), capped at {@link #MAX_SECONDS}. */
final class PreferWait {

    static final long MAX_SECONDS = 30;

    private PreferWait() {
    }

    static OptionalLong seconds(String prefer) {
        if (prefer == null) {
            return OptionalLong.empty();
        }
        for (String preference : prefer.split("[,;]")) {
            String[] pair = preference.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().toLowerCase(Locale.ROOT).equals("wait")) {
                String value = pair[1].trim().replace("\"", "");
                if (!value.isEmpty() && value.length() <= 9 && value.chars().allMatch(Character::isDigit)) {
                    return OptionalLong.of(Math.min(MAX_SECONDS, Long.parseLong(value)));
                }
            }
        }
        return OptionalLong.empty();
    }

    static Duration duration(OptionalLong seconds) {
        return Duration.ofSeconds(seconds.orElse(0));
    }
}
