package io.recstream.adapter.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.recstream.application.port.in.PeaksAnswer;
import io.recstream.application.port.in.Playback;
import io.recstream.application.port.in.RecordingAvailability;
import io.recstream.application.port.in.RecordingStatusQuery;
import io.recstream.application.port.in.RecordingStatusResult;
import io.recstream.application.port.in.RecordingStatusUseCase;
import io.recstream.application.port.in.RecordingStatusView;
import io.recstream.application.port.in.StreamRecordingQuery;
import io.recstream.application.port.in.StreamRecordingUseCase;
import io.recstream.application.port.in.Unavailability;
import io.recstream.domain.BusinessId;
import io.recstream.domain.CallSid;
import io.recstream.domain.DownloadProgress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
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

    private static final Logger log = LoggerFactory.getLogger(RecordingController.class);

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
    ResponseEntity<?> stream(@AuthenticationPrincipal Jwt token, @PathVariable String callSid,
                             @RequestParam(name = "business_id", required = false) String businessId,
                             @RequestHeader(name = "Prefer", required = false) String prefer,
                             HttpServletRequest request, HttpServletResponse response) throws IOException {
        RecordingRequest target = RecordingRequest.parse(token, callSid, businessId);
        StreamRecordingQuery query = query(target, prefer, response);
        Playback playback = CachedPlay.sendIfPlayable(streamRecording, target,
                decided(target, query, streamRecording::stream, metrics::heldRequestRefused), request, response,
                metrics, null);
        if (playback == null) {
            return null;
        }
        metrics.answered(playback);
        logDecision(target, playback);
        return notServed(target, playback);
    }

    /**
     * The recording's waveform, for the player to draw before the audio comes: decided as a play is (and held as one
     * with {@code Prefer: wait}), {@code 202} while the recording is prepared. Counted and logged by its play.
     */
    @GetMapping(PEAKS)
    ResponseEntity<?> peaks(@AuthenticationPrincipal Jwt token, @PathVariable String callSid,
                            @RequestParam(name = "business_id", required = false) String businessId,
                            @RequestHeader(name = "Prefer", required = false) String prefer,
                            HttpServletRequest request, HttpServletResponse response) throws IOException {
        RecordingRequest target = RecordingRequest.parse(token, callSid, businessId);
        StreamRecordingQuery query = query(target, prefer, response);
        PeaksAnswer answer = decided(target, query, streamRecording::peaks, () -> {
        });
        return switch (answer) {
            case PeaksAnswer.Document document -> {
                WaveformDocument.send(document.waveform(), request, response);
                yield null;
            }
            case PeaksAnswer.Undrawable undrawable -> throw new ProblemException(ProblemCode.WAVEFORM_UNAVAILABLE,
                    "The recording plays, but its audio can't be drawn: there is no waveform.");
            case PeaksAnswer.AsPlay asPlay -> notServed(target, asPlay.playback());
        };
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

    /** 202 while the recording is prepared; otherwise the problem that says why it can't be had. */
    private static ResponseEntity<?> notServed(RecordingRequest target, Playback playback) {
        if (playback instanceof Playback.Preparing preparing) {
            return preparing(target, preparing.retryAfter());
        }
        throw PlaybackProblems.of(playback);
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

    private static ResponseEntity<PreparingBody> preparing(RecordingRequest target, Duration retryAfter) {
        long seconds = PlaybackProblems.seconds(retryAfter);
        URI statusUrl = URI.create(urlOf(target.callSid(), target.business(), STATUS));
        return ResponseEntity.accepted()
                .headers(PlaybackProblems.retryAfter(retryAfter))
                .location(statusUrl)
                .cacheControl(CacheControl.noStore())
                .body(new PreparingBody("processing", target.callSid().value(), seconds));
    }

    record PreparingBody(String status, String callSid, long retryAfterSeconds) {
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
