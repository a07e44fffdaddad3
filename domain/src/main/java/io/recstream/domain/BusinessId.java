package io.recstream.domain;

import java.util.regex.Pattern;

/** A tenant: every call and recording belongs to exactly one business. */
public record BusinessId(String value) {

    private static final Pattern SHAPE = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

    public BusinessId {
        Shapes.require(SHAPE, InvalidIdentifierException.Kind.BUSINESS_ID, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
