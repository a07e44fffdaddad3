package io.recstream.domain;

import java.util.regex.Pattern;

/** The check the identifier records share. */
final class Shapes {

    private Shapes() {
    }

    static void require(Pattern shape, InvalidIdentifierException.Kind kind, String value) {
        if (value == null || !shape.matcher(value).matches()) {
            throw new InvalidIdentifierException(kind, value);
        }
    }
}
