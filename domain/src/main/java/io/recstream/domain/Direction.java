package io.recstream.domain;

/** Which way a call went, as seen from the business. */
public enum Direction {
    INBOUND, OUTBOUND;

    public String wireName() {
        return Shapes.wireName(this);
    }

    public static Direction fromWireName(String name) {
        return Shapes.fromWireName(Direction.class, name);
    }
}
