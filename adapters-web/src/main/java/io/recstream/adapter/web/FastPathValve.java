package io.recstream.adapter.web;

import io.recstream.application.port.in.KeptWaveformUseCase;
import io.recstream.application.port.in.StreamRecordingQuery;
import io.recstream.application.port.in.StreamRecordingUseCase;
import io.recstream.domain.Waveform;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The fast path of a play: a play asked for with a valid token, or a kept waveform asked for by a viewer of its
 * business, is answered here, the first valve of the application's context: ahead of the container's authenticator,
 * of the filter chain it builds per request, and of the observation, security and MVC filter chains, which cost
 * several times what serving a range, or deciding a first play, does (measured: bench/findings.md). The engine's and
 * host's valves run first ({@code RemoteIpValve}: the scheme and address behind a proxy; the context's class loader
 * and request listeners). The checks and answers are the full path's own: the same token resolver and decoder
 * (signature, expiry, claims), the same identifier parsing, the same use case deciding the play (cached, followed,
 * {@code 202} and its download requested, or refused), the same routine answering it ({@link PlayAnswers}), and the
 * same exception handlers for its problems. Only a plain request is taken: a path and query with nothing to decode (no
 * escape, no path parameter), so that the raw text is what the container would decode, and nothing here parses what
 * the container and Spring refuse on the full path. A request without a valid token, with {@code Prefer}, of any other
 * shape, or for a waveform not kept goes on down the full path untouched, which answers it as it always did.
 */
final class FastPathValve extends ValveBase {

    /** The controller's own mapping, around its one variable: the fast path serves exactly what it routes. */
    private static final String BEFORE_CALL_SID = RecordingController.RECORDING.substring(0,
            RecordingController.RECORDING.indexOf('{'));
    private static final String AFTER_CALL_SID = RecordingController.RECORDING.substring(
            RecordingController.RECORDING.indexOf('}') + 1);
    private static final String BUSINESS_ID = "business_id";

    /** Answers the query, true; or false, with nothing written, when the full path must answer. */
    @FunctionalInterface
    private interface FastAnswer {
        boolean serve(RecordingRequest target, StreamRecordingQuery query, HttpServletRequest request,
                      HttpServletResponse response) throws IOException;
    }

    private final JwtDecoder tokens;
    private final TokenResolver tokenResolver = new TokenResolver();
    private final StreamRecordingUseCase plays;
    private final KeptWaveformUseCase keptWaveforms;
    private final StreamMetrics metrics;
    private final HandlerExceptionResolver errors;

    FastPathValve(JwtDecoder tokens, StreamRecordingUseCase plays, KeptWaveformUseCase keptWaveforms,
                  StreamMetrics metrics, HandlerExceptionResolver errors) {
        super(true);
        this.tokens = tokens;
        this.plays = plays;
        this.keptWaveforms = keptWaveforms;
        this.metrics = metrics;
        this.errors = errors;
    }

    @Override
    public void invoke(Request servletRequest, Response servletResponse) throws IOException, ServletException {
        HttpServletRequest request = servletRequest.getRequest();
        HttpServletResponse response = servletResponse.getResponse();
        if (isPlainPlay(request)) {
            String path = request.getRequestURI();
            String callSid = callSidBefore(path, RecordingController.STREAM);
            String peaksOf = callSid == null ? callSidBefore(path, RecordingController.PEAKS) : null;
            String businessId = callSid != null || peaksOf != null ? plainParameter(request.getQueryString()) : null;
            Jwt token = businessId == null ? null : validToken(request);
            if (token != null && answered(token, callSid != null ? callSid : peaksOf, businessId, request, response,
                    callSid != null ? this::played : this::keptWaveform)) {
                if (response.getStatus() == HttpServletResponse.SC_ACCEPTED) {
                    metrics.accepted(System.nanoTime() - servletRequest.getCoyoteRequest().getStartTimeNanos());
                }
                return;
            }
        }
        getNext().invoke(servletRequest, servletResponse);
    }

    /**
     * A client's own GET or HEAD without {@code Prefer} (which the full path answers with {@code Preference-Applied}):
     * the pipeline runs again for an asynchronous dispatch, which the full path has started and answers.
     */
    private static boolean isPlainPlay(HttpServletRequest request) {
        String method = request.getMethod();
        return request.getDispatcherType() == DispatcherType.REQUEST && ("GET".equals(method) || "HEAD".equals(method))
                && request.getHeader("Prefer") == null;
    }

    /**
     * The call SID segment of {@code path} when it is the recording's mapping followed by {@code endpoint}, with
     * nothing to decode; or null.
     */
    private static String callSidBefore(String path, String endpoint) {
        int end = path.length() - AFTER_CALL_SID.length() - endpoint.length();
        if (end <= BEFORE_CALL_SID.length() || !path.startsWith(BEFORE_CALL_SID) || !path.endsWith(endpoint)
                || !path.startsWith(AFTER_CALL_SID, end)) {
            return null;
        }
        for (int i = BEFORE_CALL_SID.length(); i < end; i++) {
            char c = path.charAt(i);
            if (c == '/' || c == '%' || c == ';') {
                return null;
            }
        }
        return path.substring(BEFORE_CALL_SID.length(), end);
    }

    /**
     * The one {@code business_id} of a query with nothing to decode (no escape, no {@code +}); null when there is none,
     * several (the full path reads them joined), one without a value, or the query is not that plain: the full path
     * answers those.
     */
    private static String plainParameter(String query) {
        if (query == null || query.indexOf('%') >= 0 || query.indexOf('+') >= 0) {
            return null;
        }
        String value = null;
        for (int start = 0; start < query.length(); ) {
            int end = query.indexOf('&', start);
            end = end < 0 ? query.length() : end;
            int name = start + BUSINESS_ID.length();
            if (query.startsWith(BUSINESS_ID, start) && (name == end || query.charAt(name) == '=')) {
                if (value != null || name + 1 >= end) {
                    return null;
                }
                value = query.substring(name + 1, end);
            }
            start = end + 1;
        }
        return value;
    }

    /** The play decided and answered as the full path decides and answers it (without {@code Prefer}). */
    private boolean played(RecordingRequest target, StreamRecordingQuery query, HttpServletRequest request,
                           HttpServletResponse response) throws IOException {
        SecurityHeaders.write(request, response);
        PlayAnswers.send(plays, target, plays.stream(query), request, response, metrics);
        return true;
    }

    /** The kept waveform sent, after the security headers, true; or false, with nothing written, when none is. */
    private boolean keptWaveform(RecordingRequest target, StreamRecordingQuery query, HttpServletRequest request,
                                   HttpServletResponse response) throws IOException {
        Optional<Waveform> kept = keptWaveforms.keptWaveform(query);
        if (kept.isEmpty()) {
            return false;
        }
        SecurityHeaders.write(request, response);
        WaveformDocument.send(kept.get(), request, response);
        return true;
    }

    /** The decoded token, or null: Spring Security then answers 401 on the full path. */
    private Jwt validToken(HttpServletRequest request) {
        try {
            String token = tokenResolver.resolve(request);
            return token == null ? null : tokens.decode(token);
        } catch (OAuth2AuthenticationException | JwtException e) {
            return null;
        }
    }

    /** True when answered here; false, with nothing written, when the full path must answer. */
    private boolean answered(Jwt token, String callSid, String businessId, HttpServletRequest request,
                             HttpServletResponse response, FastAnswer fast) throws IOException {
        try {
            RecordingRequest target = RecordingRequest.parse(token, callSid, businessId);
            return fast.serve(target, new StreamRecordingQuery(target.viewer(), target.business(), target.callSid(),
                    Duration.ZERO), request, response);
        } catch (RuntimeException e) {
            // Bad identifiers, an unsatisfiable range, shared state or storage unavailable: the full path's answers.
            response.reset();
            SecurityHeaders.write(request, response);
            SecurityHeaders.writeNotStored(request, response);
            if (errors.resolveException(request, response, null, e) == null) {
                throw e;
            }
            return true;
        }
    }
}
