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

/**
 * The routines that answer a play with the recording's bytes: a cached recording on the fast path and the full one
 * alike, and, on the full path, one being downloaded.
 */
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
        serve(target, recording, request, response, metrics, null);
    }

    private static void serve(RecordingRequest target, StoredRecording recording, HttpServletRequest request,
                              HttpServletResponse response, StreamMetrics metrics, String disposition)
            throws IOException {
        try {
            metrics.served(RecordingResponder.serve(recording, request, response, disposition));
        } catch (ProblemException e) {
            metrics.rangeRejected();
            throw e;
        }
        // Every range request of a playing file is a hit: DEBUG, or the log would be mostly this line.
        log.atDebug().setMessage("stream: cache hit, served").addKeyValue("callSid", target.callSid().value())
                .addKeyValue("businessId", target.business().value()).log();
    }

    /**
     * Answers a play whose recording can be sent (cached, or being downloaded far enough that audio can start), and
     * returns null; or returns the playback left to answer (a {@code 202}, a problem). A recording that left the
     * store between the decision and the read (evicted, or its download finished or stopped) is asked for once
     * more, which requests it again if need be, and sent if it can be; gone again at once, the store is under
     * pressure, and the play asks afresh a moment later.
     *
     * @param disposition a {@code Content-Disposition} value, or null
     */
    static Playback sendIfPlayable(StreamRecordingUseCase plays, RecordingRequest target, Playback playback,
                                   HttpServletRequest request, HttpServletResponse response, StreamMetrics metrics,
                                   String disposition) throws IOException {
        Playback current = playback;
        for (int asked = 1; ; asked++) {
            try {
                switch (current) {
                    case Playback.Ready ready -> serve(target, ready.recording(), request, response, metrics,
                            disposition);
                    case Playback.Streaming streaming -> {
                        metrics.answered(streaming);
                        RecordingResponder.serveGrowing(streaming.recording(), request, response, disposition);
                    }
                    default -> {
                        return current;
                    }
                }
                return null;
            } catch (RecordingVanishedException e) {
                if (asked == 2) {
                    return new Playback.TemporarilyUnavailable(Unavailability.STORAGE, Duration.ofSeconds(1));
                }
                current = plays.stream(new StreamRecordingQuery(target.viewer(), target.business(), target.callSid(),
                        Duration.ZERO));
            }
        }
    }
}
