package io.recstream.adapter.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.recstream.application.port.in.PeaksAnswer;
import io.recstream.application.port.in.RecordingAvailability;
import io.recstream.application.port.in.RecordingStatusQuery;
import io.recstream.application.port.in.RecordingStatusResult;
import io.recstream.application.port.in.RecordingStatusUseCase;
import io.recstream.application.port.in.RecordingStatusView;
import io.recstream.application.port.in.StreamRecordingQuery;
import io.recstream.application.port.in.StreamRecordingUseCase;
import io.recstream.domain.BusinessId;
import io.recstream.domain.CallSid;
import io.recstream.domain.DownloadProgress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/** Plays recordings: at once from the cache, or 202 while a worker prepares them. Never calls Twilio. */
@RestController
@RequestMapping(RecordingController.RECORDING)
class RecordingController {

    static final String RECORDING = "/api/recordings/{callSid}";
    static final String STREAM = "/stream";
    static final String PEAKS = "/peaks";
    static final String STATUS = "/status";

    /** The URL of one of a recording's endpoints ({@link #STREAM}, {@link #STATUS}) for a business. */
    static String urlOf(CallSid callSid, BusinessId business, String endpoint) {
        return RECORDING.replace("{callSid}", callSid.value()) + endpoint + "?business_id="
                + UriUtils.encodeQueryParam(business.value(), StandardCharsets.UTF_8);
    }

    private final StreamRecordingUseCase streamRecording;
    private final RecordingStatusUseCase recordingStatus;
    private final StreamMetrics metrics;
    private final HeldRequests heldRequests;

    RecordingController(StreamRecordingUseCase streamRecording, RecordingStatusUseCase recordingStatus,
                        StreamMetrics metrics, HeldRequests heldRequests) {
        this.streamRecording = streamRecording;
        this.recordingStatus = recordingStatus;
        this.metrics = metrics;
        this.heldRequests = heldRequests;
    }

    @RequestMapping(path = STREAM, method = {RequestMethod.GET, RequestMethod.HEAD})
    void stream(@AuthenticationPrincipal Jwt token, @PathVariable String callSid,
                @RequestParam(name = "business_id", required = false) String businessId,
                @RequestHeader(name = "Prefer", required = false) String prefer,
                HttpServletRequest request, HttpServletResponse response) throws IOException {
        RecordingRequest target = RecordingRequest.parse(token, callSid, businessId);
        StreamRecordingQuery query = query(target, prefer, response);
        PlayAnswers.send(streamRecording, target,
                decided(target, query, streamRecording::stream, metrics::heldRequestRefused), request, response,
                metrics);
    }

    /**
     * The recording's waveform, for the player to draw before the audio comes: decided as a play is (and held as one
     * with {@code Prefer: wait}), {@code 202} while the recording is prepared. Counted and logged by its play.
     */
    @GetMapping(PEAKS)
    void peaks(@AuthenticationPrincipal Jwt token, @PathVariable String callSid,
               @RequestParam(name = "business_id", required = false) String businessId,
               @RequestHeader(name = "Prefer", required = false) String prefer,
               HttpServletRequest request, HttpServletResponse response) throws IOException {
        RecordingRequest target = RecordingRequest.parse(token, callSid, businessId);
        StreamRecordingQuery query = query(target, prefer, response);
        PeaksAnswer answer = decided(target, query, streamRecording::peaks, () -> {
        });
        switch (answer) {
            case PeaksAnswer.Document document -> WaveformDocument.send(document.waveform(), request, response);
            case PeaksAnswer.Undrawable undrawable -> throw new ProblemException(ProblemCode.WAVEFORM_UNAVAILABLE,
                    "The recording plays, but its audio can't be drawn: there is no waveform.");
            case PeaksAnswer.AsPlay asPlay -> PlayAnswers.notServed(target, asPlay.playback(), response);
        }
    }

    /**
     * Decided at once, or, with {@code Prefer: wait}, held in one of the user's places for held requests;
     * {@code refused} is told when no place is free.
     */
    private <A> A decided(RecordingRequest target, StreamRecordingQuery query,
                          Function<StreamRecordingQuery, A> decision, Runnable refused) {
        return query.maxWait().isZero() ? decision.apply(query)
                : heldRequests.holding(target.viewer().subject(), () -> decision.apply(query), refused);
    }

    private static StreamRecordingQuery query(RecordingRequest target, String prefer, HttpServletResponse response) {
        OptionalLong wait = PreferWait.seconds(prefer);
        wait.ifPresent(seconds -> response.setHeader("Preference-Applied", "wait=" + seconds));
        return new StreamRecordingQuery(target.viewer(), target.business(), target.callSid(), PreferWait.duration(wait));
    }

    @GetMapping(STATUS)
    RecordingStatusBody status(@AuthenticationPrincipal Jwt token, @PathVariable String callSid,
                               @RequestParam(name = "business_id", required = false) String businessId) {
        RecordingRequest target = RecordingRequest.parse(token, callSid, businessId);
        RecordingStatusResult result = recordingStatus.statusOf(
                new RecordingStatusQuery(target.viewer(), target.business(), target.callSid()));
        return switch (result) {
            case RecordingStatusResult.Denied denied -> throw PlaybackProblems.denied(denied.reason());
            case RecordingStatusResult.Unavailable unavailable -> throw PlaybackProblems.unavailable(unavailable.reason(),
                    PlaybackProblems.UNAVAILABLE_RETRY_AFTER);
            case RecordingStatusResult.Known known -> RecordingStatusBody.of(known.view());
        };
    }

    /**
     * The status; while processing, also the download's progress: {@code receivedBytes} (0 until it began) and
     * {@code totalBytes} (null until the provider announced it). Neither is written otherwise.
     */
    record RecordingStatusBody(String callSid, String status, Long sizeBytes, String updatedAt,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Long receivedBytes,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Optional<Long> totalBytes,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {

        static RecordingStatusBody of(RecordingStatusView view) {
            boolean processing = view.availability() == RecordingAvailability.PROCESSING;
            return new RecordingStatusBody(view.callSid().value(), view.availability().name().toLowerCase(Locale.ROOT),
                    view.sizeBytes(), view.updatedAt() == null ? null : view.updatedAt().toString(),
                    processing ? view.knownProgress().map(DownloadProgress::receivedBytes).orElse(0L) : null,
                    processing ? view.knownProgress().flatMap(DownloadProgress::knownTotal) : null,
                    FailureReason.of(view));
        }
    }
}
