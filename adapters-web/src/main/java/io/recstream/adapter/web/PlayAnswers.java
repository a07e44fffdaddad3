package io.recstream.adapter.web;

import io.recstream.application.port.in.Playback;
import io.recstream.application.port.in.StreamRecordingUseCase;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * How a decided play is answered, on the fast path and the full one alike: the recording's bytes when they can be
 * sent, {@code 202} while the recording is prepared, otherwise the problem that says why (thrown, for the exception
 * handlers both paths share).
 */
final class PlayAnswers {

    private static final Logger log = LoggerFactory.getLogger(PlayAnswers.class);

    private PlayAnswers() {
    }

    /** Sends, counts and logs the answer to a decided play; a problem is thrown, not written. */
    static void send(StreamRecordingUseCase plays, RecordingRequest target, Playback decided,
                     HttpServletRequest request, HttpServletResponse response, StreamMetrics metrics)
            throws IOException {
        Playback playback = CachedPlay.sendIfPlayable(plays, target, decided, request, response, metrics, null);
        if (playback == null) {
            return;
        }
        metrics.answered(playback);
        logDecision(target, playback);
        notServed(target, playback, response);
    }

    /** 202 while the recording is prepared; otherwise the problem that says why it can't be had, thrown. */
    static void notServed(RecordingRequest target, Playback playback, HttpServletResponse response)
            throws IOException {
        if (!(playback instanceof Playback.Preparing preparing)) {
            throw PlaybackProblems.of(playback);
        }
        Duration retryAfter = preparing.retryAfter();
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
        PlaybackProblems.retryAfter(retryAfter).forEach((name, values) -> values.forEach(
                value -> response.addHeader(name, value)));
        response.setHeader(HttpHeaders.LOCATION,
                RecordingController.urlOf(target.callSid(), target.business(), RecordingController.STATUS));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        // Written as it is, not through a message converter: a call SID is letters and digits only, and this is the
        // answer to every first play of a burst.
        byte[] body = ("{\"status\":\"processing\",\"callSid\":\"" + target.callSid().value()
                + "\",\"retryAfterSeconds\":" + PlaybackProblems.seconds(retryAfter) + "}")
                .getBytes(StandardCharsets.UTF_8);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** One line per decision an operator greps for, with the call and business as structured fields. */
    private static void logDecision(RecordingRequest target, Playback playback) {
        String decision = switch (playback) {
            case Playback.Ready ready -> null;
            case Playback.Streaming streaming -> null;
            case Playback.Preparing preparing -> "stream: not cached, download requested";
            case Playback.Denied denied -> "stream: denied (" + denied.reason().name().toLowerCase(Locale.ROOT) + ")";
            case Playback.Expired expired -> "stream: recording expired";
            case Playback.Unavailable unavailable -> "stream: recording gone at the provider";
            case Playback.ProviderUnavailable outage -> "stream: provider unavailable";
            case Playback.Limited limited -> "stream: download budget of the business used up";
            case Playback.TemporarilyUnavailable later -> "stream: unavailable ("
                    + later.reason().name().toLowerCase(Locale.ROOT) + ")";
        };
        if (decision != null) {
            log.atInfo().setMessage(decision).addKeyValue("callSid", target.callSid().value())
                    .addKeyValue("businessId", target.business().value()).log();
        }
    }
}
