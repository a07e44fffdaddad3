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
 * Twilio call on the request thread), waits up to {@link #LONGEST_WAIT}, and answers 504 rather than a proxy's 502.
 */
@RestController
class LegacyDownloadController {

    static final Duration LONGEST_WAIT = Duration.ofSeconds(25);

    private final StreamRecordingUseCase streamRecording;

    LegacyDownloadController(StreamRecordingUseCase streamRecording) {
        this.streamRecording = streamRecording;
    }

    @GetMapping("/api/calls/{callSid}/download")
    void download(@AuthenticationPrincipal Jwt token, @PathVariable String callSid,
                  @RequestParam(name = "business_id", required = false) String businessId,
                  HttpServletRequest request, HttpServletResponse response) throws IOException {
        RecordingRequest target = RecordingRequest.parse(token, callSid, businessId);
        Playback playback = streamRecording.stream(
                new StreamRecordingQuery(target.viewer(), target.business(), target.callSid(), LONGEST_WAIT));
        switch (playback) {
            case Playback.Ready ready -> RecordingResponder.serve(ready.recording(), request, response,
                    "attachment; filename=\"" + target.callSid().value() + ".mp3\"");
            case Playback.Preparing preparing -> throw new ProblemException(ProblemCode.RECORDING_NOT_READY,
                    "The recording is still being prepared; use the stream endpoint, or try again.",
                    PlaybackProblems.retryAfter(preparing.retryAfter()));
            default -> throw PlaybackProblems.of(playback);
        }
    }
}
