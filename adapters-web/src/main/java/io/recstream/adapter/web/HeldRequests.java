package io.recstream.adapter.web;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Requests held open for a recording ({@code Prefer: wait}, the legacy download), counted per user on this instance:
 * one user holding dozens would tie up threads and connections that other users' plays need.
 */
public final class HeldRequests {

    private final int perUser;
    private final Map<String, Integer> held = new ConcurrentHashMap<>();

    /** @param perUser how many requests one user may have held at once on this instance */
    public HeldRequests(int perUser) {
        if (perUser < 1) {
            throw new IllegalArgumentException("at least one held request per user");
        }
        this.perUser = perUser;
    }

    /** Hold-to-wait requests are refused with this, and asked to come back then. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    /**
     * Runs {@code request} holding one of the user's places, or refuses it with {@code 429 too_many_requests} when
     * the user holds as many as allowed already, telling {@code refused} first.
     */
    <T> T holding(String user, Supplier<T> request, Runnable refused) {
        Permit permit = tryHold(user).orElseThrow(() -> {
            refused.run();
            return new ProblemException(ProblemCode.TOO_MANY_REQUESTS,
                    "You have as many requests waiting for recordings as you may; try again shortly.",
                    PlaybackProblems.retryAfter(RETRY_AFTER));
        });
        try (permit) {
            return request.get();
        }
    }

    /** A place among the user's held requests, if one is free; close it when the request is answered. */
    Optional<Permit> tryHold(String user) {
        boolean[] taken = {false};
        held.compute(user, (who, count) -> {
            int now = count == null ? 0 : count;
            if (now >= perUser) {
                return now;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0] ? Optional.of(() -> held.computeIfPresent(user, (who, count) -> count <= 1 ? null : count - 1))
                : Optional.empty();
    }

    /** A held request's place; closing it frees the place. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
