package io.recstream.adapter.web;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** HTTP conditional requests (RFC 9110 section 13) for an immutable file with a strong ETag. */
final class Conditionals {

    private Conditionals() {
    }

    /** {@code If-None-Match} (weak comparison) or, when it is absent, {@code If-Modified-Since}. */
    static boolean notModified(String ifNoneMatch, String ifModifiedSince, String etag, Instant lastModified) {
        if (ifNoneMatch != null) {
            for (String candidate : ifNoneMatch.split(",")) {
                String tag = candidate.trim();
                if (tag.equals("*") || opaque(tag).equals(opaque(etag))) {
                    return true;
                }
            }
            return false;
        }
        Instant since = parseDate(ifModifiedSince);
        return since != null && !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since);
    }

    /**
     * {@code If-Range}: the range applies only if the client's validator is the current strong ETag. A date, a weak
     * tag or another tag means the client's copy may differ, so it gets the whole file.
     */
    static boolean rangeStillValid(String ifRange, String etag) {
        return ifRange == null || ifRange.trim().equals(etag);
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private static Instant parseDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
