package io.recstream.domain;

import java.util.Locale;

/** Which way a call went, as seen from the business. */
public enum Direction {
    INBOUND, OUTBOUND;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Direction fromWireName(String name) {
        for (Direction direction : values()) {
            if (direction.wireName().equals(name)) {
                return direction;
            }
        }
        throw new IllegalArgumentException("direction must be inbound or outbound");
    }
}
