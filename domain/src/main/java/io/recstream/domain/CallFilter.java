package io.recstream.domain;

import java.time.Instant;

/**
 * Which of a business's calls a list shows: a direction, a window of start times (both bounds included), a search;
 * each null for no bound. Only calls whose details are known are listed.
 */
public record CallFilter(Direction direction, Instant since, Instant until, CallSearch search) {

    /** Every call. */
    public static final CallFilter ALL = new CallFilter(null, null, null, null);

    public boolean matches(Call call) {
        CallDetails details = call.details();
        return details != null
                && (direction == null || details.direction() == direction)
                && (since == null || !details.startedAt().isBefore(since))
                && (until == null || !details.startedAt().isAfter(until))
                && (search == null || search.matches(call));
    }
}
