package io.recstream.soak;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A call the soak plays, and what the contract says a play of it answers: its recording's exact bytes, or {@code 404}
 * (Twilio lost the recording), or {@code 410} (past the retention).
 */
final class SoakCall {

    enum Kind {
        /** Twilio serves the recording at once. */
        PLAYABLE,
        /** Twilio takes seconds before its first byte. */
        SLOW,
        /** Twilio's media answers 500 for the soak's first minute, then serves it. */
        FAILING_AT_FIRST,
        /** Twilio answers that the recording does not exist: 404 {@code recording_unavailable}. */
        MISSING,
        /** Older than the retention: 410. */
        EXPIRED;

        boolean playable() {
            return this == PLAYABLE || this == SLOW || this == FAILING_AT_FIRST;
        }
    }

    final String callSid;
    final String business;
    final String recordingSid;
    final byte[] media;
    final Kind kind;
    /** When its fact was published: the directory may not know it just after. */
    final Instant publishedAt;
    /** The first {@code 202} a play of it got, and the first whole answer: the window its download was in. */
    private final AtomicReference<Instant> firstRequested = new AtomicReference<>();
    private final AtomicReference<Instant> firstServed = new AtomicReference<>();

    SoakCall(String callSid, String business, String recordingSid, byte[] media, Kind kind, Instant publishedAt) {
        this.callSid = callSid;
        this.business = business;
        this.recordingSid = recordingSid;
        this.media = media;
        this.kind = kind;
        this.publishedAt = publishedAt;
    }

    /** The status a finished play of its own business ends with. */
    int expectedStatus(boolean ranged) {
        return switch (kind) {
            case PLAYABLE, SLOW, FAILING_AT_FIRST -> ranged ? 206 : 200;
            case MISSING -> 404;
            case EXPIRED -> 410;
        };
    }

    boolean knownFor(Duration atLeast, Instant now) {
        return Duration.between(publishedAt, now).compareTo(atLeast) >= 0;
    }

    void requested(Instant at) {
        firstRequested.compareAndSet(null, at);
    }

    void served(Instant at) {
        firstServed.compareAndSet(null, at);
    }

    Instant firstRequested() {
        return firstRequested.get();
    }

    Instant firstServed() {
        return firstServed.get();
    }
}
