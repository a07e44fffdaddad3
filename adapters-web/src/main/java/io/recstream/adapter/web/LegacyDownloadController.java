package io.recstream.adapter.web;

import io.recstream.application.port.in.Playback;
import io.recstream.application.port.in.StreamRecordingQuery;
import io.recstream.application.port.in.StreamRecordingUseCase;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The old download endpoint, kept for rollback. It goes through the same background pipeline as the stream (never a
 * Twilio call on the request thread), waits up to {@code recstream.download.legacy-wait} (25 s), and answers 504
 * rather than letting a proxy answer 502.
 */
@RestController
class LegacyDownloadController {

    private final StreamRecordingUseCase streamRecording;
    private final Duration longestWait;
    private final HeldRequests heldRequests;
    private final StreamMetrics metrics;

    LegacyDownloadController(StreamRecordingUseCase streamRecording, WebSettings settings, HeldRequests heldRequests,
                             StreamMetrics metrics) {
        this.streamRecording = streamRecording;
        this.longestWait = settings.legacyWait();
        this.heldRequests = heldRequests;
        this.metrics = metrics;
    }

    @GetMapping("/api/calls/{callSid}/download")
    void download(@AuthenticationPrincipal Jwt token, @PathVariable String callSid,
                  @RequestParam(name = "business_id", required = false) String businessId,
                  HttpServletRequest request, HttpServletResponse response) throws IOException {
        RecordingRequest target = RecordingRequest.parse(token, callSid, businessId);
        Playback playback = heldRequests.holding(target.viewer().subject(), () -> streamRecording.stream(
                new StreamRecordingQuery(target.viewer(), target.business(), target.callSid(), longestWait)),
                metrics::heldRequestRefused);
        playback = CachedPlay.sendIfPlayable(streamRecording, target, playback, request, response, metrics,
                "attachment; filename=\"" + target.callSid().value() + ".mp3\"");
        if (playback == null) {
            return;
        }
        metrics.answered(playback);
        if (playback instanceof Playback.Preparing preparing) {
            throw new ProblemException(ProblemCode.RECORDING_NOT_READY,
                    "The recording is still being prepared; use the stream endpoint, or try again.",
                    PlaybackProblems.retryAfter(preparing.retryAfter()));
        }
        throw PlaybackProblems.of(playback);
    }
}
