package io.recstream.adapter.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.recstream.application.port.in.CallListResult;
import io.recstream.application.port.in.ListCallsQuery;
import io.recstream.application.port.in.ListCallsUseCase;
import io.recstream.application.port.in.ListedCall;
import io.recstream.application.port.in.Viewer;
import io.recstream.domain.BusinessId;
import io.recstream.domain.CallCursor;
import io.recstream.domain.CallDetails;
import io.recstream.domain.CallFilter;
import io.recstream.domain.CallSearch;
import io.recstream.domain.Direction;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A business's calls, newest first, each with its recording's status and stream URL; cursor pagination. */
@RestController
class CallsController {

    static final int DEFAULT_LIMIT = 50;

    private final ListCallsUseCase listCalls;

    CallsController(ListCallsUseCase listCalls) {
        this.listCalls = listCalls;
    }

    @GetMapping("/api/calls")
    CallsBody calls(@AuthenticationPrincipal Jwt token,
                    @RequestParam(name = "business_id", required = false) String businessId,
                    @RequestParam(required = false) String direction,
                    @RequestParam(required = false) String limit,
                    @RequestParam(required = false) String before,
                    @RequestParam(required = false) String q,
                    @RequestParam(required = false) String since,
                    @RequestParam(required = false) String until) {
        BusinessId business = RecordingRequest.business(businessId);
        Viewer viewer = RecordingRequest.viewerOf(token);
        CallFilter filter = new CallFilter(direction(direction), instant("since", since), instant("until", until),
                search(q));
        CallListResult result = listCalls.listCalls(new ListCallsQuery(viewer, business, filter, limit(limit),
                cursor(before)));
        return switch (result) {
            case CallListResult.Denied denied -> throw PlaybackProblems.denied(denied.reason());
            case CallListResult.Unavailable unavailable -> throw PlaybackProblems.unavailable(unavailable.reason(),
                    PlaybackProblems.UNAVAILABLE_RETRY_AFTER);
            case CallListResult.Listed listed -> new CallsBody(
                    listed.calls().stream().map(call -> body(call, business)).toList(),
                    listed.next() == null ? null : CursorToken.encode(listed.next()));
        };
    }

    private static CallBody body(ListedCall listed, BusinessId business) {
        CallDetails details = listed.call().details();
        String callSid = listed.call().sid().value();
        return new CallBody(callSid, details.direction().name().toLowerCase(Locale.ROOT), details.from(), details.to(),
                details.startedAt().toString(), details.durationSeconds(),
                new RecordingBody(listed.recording().availability().name().toLowerCase(Locale.ROOT),
                        RecordingController.urlOf(listed.call().sid(), business, RecordingController.STREAM),
                        FailureReason.of(listed.recording())));
    }

    private static Direction direction(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (Direction direction : Direction.values()) {
            if (direction.name().toLowerCase(Locale.ROOT).equals(value)) {
                return direction;
            }
        }
        throw new ProblemException(ProblemCode.INVALID_DIRECTION, "direction is inbound or outbound.");
    }

    /** An ISO-8601 instant bounding the calls' start, e.g. {@code 2026-12-01T08:00:00Z}. */
    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemCode.BAD_REQUEST,
                    name + " is an ISO-8601 instant, e.g. 2026-12-01T08:00:00Z.");
        }
    }

    private static CallSearch search(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return CallSearch.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemCode.BAD_REQUEST, "q is at least " + CallSearch.MIN_DIGITS
                    + " digits of a number, or at least " + CallSearch.MIN_SID_PREFIX + " characters of a call SID.");
        }
    }

    /** Defaults to 50; more than 200 is served as 200. */
    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1) {
                return Math.min(limit, ListCallsQuery.MAX_LIMIT);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProblemException(ProblemCode.INVALID_LIMIT, "limit is a whole number from 1 to 200.");
    }

    private static CallCursor cursor(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return CursorToken.decode(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemCode.INVALID_CURSOR, "before takes the next value of a previous page.");
        }
    }

    record CallsBody(List<CallBody> calls, String next) {
    }

    record CallBody(String callSid, String direction, String from, String to, String startedAt, long durationSeconds,
                    RecordingBody recording) {
    }

    /** @param reason why the last download failed, only beside {@code "status":"failed"} */
    record RecordingBody(String status, String streamUrl,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {
    }
}
