package io.recstream.domain;

/** Which way a call went, as seen from the business. */
public enum Direction {
    INBOUND, OUTBOUND
}
