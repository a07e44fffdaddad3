package io.recstream.domain;

/** A tenant: every call and recording belongs to exactly one business. */
public record BusinessId(String value) {

    public BusinessId {
        Shapes.requireName(64, InvalidIdentifierException.Kind.BUSINESS_ID, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
