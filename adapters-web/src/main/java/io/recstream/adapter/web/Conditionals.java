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
            // Read in place: every revalidation of a playing recording passes here.
            String current = opaque(etag);
            for (int start = 0; start <= ifNoneMatch.length(); ) {
                int end = ifNoneMatch.indexOf(',', start);
                end = end < 0 ? ifNoneMatch.length() : end;
                if (matches(ifNoneMatch, start, end, current)) {
                    return true;
                }
                start = end + 1;
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

    /** Whether the list's member between {@code from} and {@code to}, blanks aside, is {@code *} or the tag, weakly. */
    private static boolean matches(String list, int from, int to, String opaqueTag) {
        while (from < to && list.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && list.charAt(to - 1) <= ' ') {
            to--;
        }
        if (to - from == 1 && list.charAt(from) == '*') {
            return true;
        }
        if (list.startsWith("W/", from)) {
            from += 2;
        }
        return to - from == opaqueTag.length() && list.startsWith(opaqueTag, from);
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
