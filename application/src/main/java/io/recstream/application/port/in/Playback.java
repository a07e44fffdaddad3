package io.recstream.application.port.in;

import io.recstream.domain.GrowingRecording;
import io.recstream.domain.StoredRecording;
import java.time.Duration;

/** The answer to a play: the recording, a promise to prepare it, or why neither. */
public sealed interface Playback {

    /** Cached: serve it now. */
    record Ready(StoredRecording recording) implements Playback {
    }

    /**
     * Being downloaded, and far enough that audio can start: serve what has arrived, and the rest as it arrives.
     */
    record Streaming(GrowingRecording recording) implements Playback {
    }

    /** A download is requested or under way: ask again after {@code retryAfter}. */
    record Preparing(Duration retryAfter) implements Playback {
    }

    record Denied(AccessDenial reason) implements Playback {
    }

    /** Older than the retention allows. */
    record Expired() implements Playback {
    }

    /** Twilio answered that the recording does not exist: asking again will not help. */
    record Unavailable() implements Playback {
    }

    /**
     * Nothing is cached and the provider is failing (its circuit is open, or the last download failed moments ago):
     * ask again after {@code retryAfter}.
     */
    record ProviderUnavailable(Duration retryAfter) implements Playback {
    }

    /** The business has caused as many new downloads as it may for now: ask again after {@code retryAfter}. */
    record Limited(Duration retryAfter) implements Playback {
    }

    /** Something recstream depends on can't be reached now (see {@code reason}): ask again after {@code retryAfter}. */
    record TemporarilyUnavailable(Unavailability reason, Duration retryAfter) implements Playback {
    }
}
