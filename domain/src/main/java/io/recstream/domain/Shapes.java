package io.recstream.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/** The checks the identifier records and wire-named enums share. */
final class Shapes {

    private Shapes() {
    }

    static void require(Pattern shape, InvalidIdentifierException.Kind kind, String value) {
        if (value == null || !shape.matcher(value).matches()) {
            throw new InvalidIdentifierException(kind, value);
        }
    }

    static String wireName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E fromWireName(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (wireName(constant).equals(name)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a " + type.getSimpleName() + ": expected one of "
                + java.util.Arrays.stream(type.getEnumConstants()).map(Shapes::wireName).toList());
    }
}
