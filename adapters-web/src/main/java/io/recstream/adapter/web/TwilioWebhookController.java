package io.recstream.adapter.web;

import io.recstream.application.port.in.CallRegistration;
import io.recstream.application.port.in.RegisterCallUseCase;
import io.recstream.application.port.in.RegistrationResult;
import io.recstream.domain.BusinessId;
import io.recstream.domain.Call;
import io.recstream.domain.CallSid;
import io.recstream.domain.InvalidIdentifierException;
import io.recstream.domain.RecordingSid;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Twilio's RecordingStatusCallback: a signed form POST that registers a completed recording. Idempotent. */
@RestController
class TwilioWebhookController {

    private static final Logger log = LoggerFactory.getLogger(TwilioWebhookController.class);
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

    private final RegisterCallUseCase registerCall;
    private final WebhookSettings settings;
    private final TwilioSignature signatures;

    TwilioWebhookController(RegisterCallUseCase registerCall, WebhookSettings settings) {
        this.registerCall = registerCall;
        this.settings = settings;
        this.signatures = new TwilioSignature(settings.authToken());
    }

    @PostMapping(path = "/webhooks/twilio/recording-status", consumes = "application/x-www-form-urlencoded")
    ResponseEntity<Void> recordingStatus(@RequestHeader(name = "X-Twilio-Signature", required = false) String signature,
                                         HttpServletRequest request) {
        Map<String, List<String>> form = postParameters(request);
        if (!signatures.isValid(signature, publicUrl(request), form)) {
            throw new ProblemException(ProblemCode.INVALID_SIGNATURE, "The X-Twilio-Signature does not match.");
        }
        BusinessId business = RecordingRequest.business(request.getParameter("business_id"));
        if (!"completed".equals(first(form, "RecordingStatus"))) {
            return ResponseEntity.noContent().build();
        }
        Call facts;
        try {
            facts = Call.identifiedBy(new CallSid(first(form, "CallSid")), business)
                    .withRecording(new RecordingSid(first(form, "RecordingSid")), startTime(first(form, "RecordingStartTime")));
        } catch (InvalidIdentifierException e) {
            throw new ProblemException(ProblemCode.BAD_REQUEST, "CallSid and RecordingSid must be Twilio SIDs.");
        }
        switch (registerCall.report(new CallRegistration(facts, true, null))) {
            case RegistrationResult.Unavailable unavailable -> throw new ProblemException(ProblemCode.QUEUE_UNAVAILABLE,
                    "The recording could not be recorded right now; Twilio will try again.",
                    PlaybackProblems.retryAfter(PlaybackProblems.UNAVAILABLE_RETRY_AFTER));
            case RegistrationResult.Refused refused -> log.warn(
                    "webhook for callSid={} ignored: the call belongs to another business than businessId={}",
                    facts.sid(), business);
            case RegistrationResult.Registered registered -> {
            }
        }
        return ResponseEntity.noContent().build();
    }

    /** The URL Twilio signed: the configured public base (behind proxies) + path + query. */
    private String publicUrl(HttpServletRequest request) {
        String base = settings.webhookBaseUrl();
        if (base == null || base.isBlank()) {
            base = request.getScheme() + "://" + request.getServerName()
                    + (isDefaultPort(request) ? "" : ":" + request.getServerPort());
        } else if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String query = request.getQueryString();
        return base + request.getRequestURI() + (query == null ? "" : "?" + query);
    }

    private static boolean isDefaultPort(HttpServletRequest request) {
        int port = request.getServerPort();
        return ("http".equals(request.getScheme()) && port == 80) || ("https".equals(request.getScheme()) && port == 443);
    }

    /** The servlet merges query and form parameters; the signature covers the form's only. */
    private static Map<String, List<String>> postParameters(HttpServletRequest request) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> form.put(name, new ArrayList<>(List.of(values))));
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] nameValue = pair.split("=", 2);
                String name = URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8);
                String value = nameValue.length > 1 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "";
                List<String> values = form.get(name);
                if (values != null) {
                    values.remove(value);
                    if (values.isEmpty()) {
                        form.remove(name);
                    }
                }
            }
        }
        return form;
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** The recording's start, as an estimate of its creation until the worker reads Twilio's own date. */
    private static Instant startTime(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value, RFC_2822).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
