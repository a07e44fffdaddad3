package io.recstream.adapter.web;

import io.recstream.application.port.in.AccessDenial;
import io.recstream.application.port.in.Playback;
import io.recstream.application.port.in.Unavailability;
import java.time.Duration;
import org.springframework.http.HttpHeaders;

/** How each answer of the stream use case that is not a recording reads over HTTP. */
final class PlaybackProblems {

    /** When to try again after a status or list answer could not reach what it needs. */
    static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(5);

    private PlaybackProblems() {
    }

    static ProblemException denied(AccessDenial reason) {
        return switch (reason) {
            case BUSINESS_FORBIDDEN -> new ProblemException(ProblemCode.BUSINESS_FORBIDDEN,
                    "Your access token does not grant this business_id.");
            case CALL_NOT_FOUND -> new ProblemException(ProblemCode.CALL_NOT_FOUND,
                    "No call with a recording by that SID in this business.");
        };
    }

    /** The problem for a playback that is neither ready nor preparing. */
    static ProblemException of(Playback playback) {
        return switch (playback) {
            case Playback.Denied denied -> denied(denied.reason());
            case Playback.Expired expired -> new ProblemException(ProblemCode.RECORDING_EXPIRED,
                    "The recording is older than the retention period and is no longer available.");
            case Playback.Unavailable unavailable -> new ProblemException(ProblemCode.RECORDING_UNAVAILABLE,
                    "The recording provider says this recording does not exist.");
            case Playback.ProviderUnavailable outage -> new ProblemException(ProblemCode.PROVIDER_UNAVAILABLE,
                    "The recording provider is failing right now and this recording is not cached; try again later.",
                    retryAfter(outage.retryAfter()));
            case Playback.TemporarilyUnavailable later -> unavailable(later.reason(), later.retryAfter());
            case Playback.Limited limited -> new ProblemException(ProblemCode.TOO_MANY_REQUESTS,
                    "This business has asked for as many new recordings as it may for now; try again later.",
                    retryAfter(limited.retryAfter()));
            case Playback.Ready ready -> throw new IllegalArgumentException("a ready recording is no problem");
            case Playback.Preparing preparing -> throw new IllegalArgumentException("preparing is no problem");
            case Playback.Streaming streaming -> throw new IllegalArgumentException("a growing recording is no problem");
        };
    }

    /** What could not be reached, as its 503; {@code Retry-After} says when to try again. */
    static ProblemException unavailable(Unavailability reason, Duration retryAfter) {
        return switch (reason) {
            case DOWNLOAD_QUEUE -> new ProblemException(ProblemCode.QUEUE_UNAVAILABLE,
                    "The recording cannot be prepared right now; try again shortly.", retryAfter(retryAfter));
            case SHARED_STATE -> new ProblemException(ProblemCode.SERVICE_UNAVAILABLE,
                    "recstream cannot reach its shared state right now; try again shortly.", retryAfter(retryAfter));
            case STORAGE -> new ProblemException(ProblemCode.STORAGE_UNAVAILABLE,
                    "The recordings store cannot be read right now; try again shortly.", retryAfter(retryAfter));
        };
    }

    static HttpHeaders retryAfter(Duration wait) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds(wait)));
        return headers;
    }

    /** Whole seconds, rounded up, at least one: Retry-After has no fractions. */
    static long seconds(Duration wait) {
        long millis = wait.toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
