package io.recstream.adapter.web;

import io.recstream.application.port.in.Playback;
import io.recstream.application.port.in.StreamRecordingQuery;
import io.recstream.application.port.in.StreamRecordingUseCase;
import io.recstream.application.port.in.Unavailability;
import io.recstream.domain.StoredRecording;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one routine that answers a play with a cached recording, on the fast path and the full one alike. */
final class CachedPlay {

    private static final Logger log = LoggerFactory.getLogger(CachedPlay.class);

    private CachedPlay() {
    }

    /**
     * Serves the recording (validators, conditionals, ranges), counts the answer and an unsatisfiable range, and logs
     * the hit.
     *
     * @throws RecordingVanishedException when it was deleted since it was found, before anything was written
     */
    static void serve(RecordingRequest target, StoredRecording recording, HttpServletRequest request,
                      HttpServletResponse response, StreamMetrics metrics) throws IOException {
        try {
            metrics.served(RecordingResponder.serve(recording, request, response, null));
        } catch (ProblemException e) {
            metrics.rangeRejected();
            throw e;
        }
        // Every range request of a playing file is a hit: DEBUG, or the log would be mostly this line.
        log.atDebug().setMessage("stream: cache hit, served").addKeyValue("callSid", target.callSid().value())
                .addKeyValue("businessId", target.business().value()).log();
    }

    /**
     * The answer for a recording evicted between the decision and the read: asked for once more, which requests it
     * again; found again at once, the store is under pressure, and the play asks afresh a moment later.
     */
    static Playback askedAgainAfterVanishing(StreamRecordingUseCase plays, RecordingRequest target) {
        Playback again = plays.stream(new StreamRecordingQuery(target.viewer(), target.business(), target.callSid(),
                Duration.ZERO));
        return again instanceof Playback.Ready
                ? new Playback.TemporarilyUnavailable(Unavailability.STORAGE, Duration.ofSeconds(1)) : again;
    }
}
