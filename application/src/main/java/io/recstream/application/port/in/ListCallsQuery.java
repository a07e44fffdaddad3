package io.recstream.application.port.in;

import io.recstream.domain.BusinessId;
import io.recstream.domain.CallCursor;
import io.recstream.domain.CallFilter;
import java.util.Objects;

/**
 * @param filter which calls: a direction, a window of start times, a search ({@link CallFilter#ALL} for every call)
 * @param before continue after this position, or start from the newest if null
 */
public record ListCallsQuery(Viewer viewer, BusinessId business, CallFilter filter, int limit, CallCursor before) {

    public static final int MAX_LIMIT = 200;

    public ListCallsQuery {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(filter, "filter");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
