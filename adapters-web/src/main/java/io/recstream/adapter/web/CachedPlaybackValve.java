package io.recstream.adapter.web;

import io.recstream.application.port.in.CachedPlaybackUseCase;
import io.recstream.application.port.in.StreamRecordingQuery;
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
 * The fast path of a play: a cached recording (or its kept waveform), asked for with a valid token by a viewer of its
 * business, is served here, the first valve of the application's context: ahead of the container's authenticator, of
 * the filter chain it builds per request, and of the observation, security and MVC filter chains, which cost several
 * times what serving a range does (measured: bench/findings.md). The engine's and host's valves run first
 * ({@code RemoteIpValve}: the scheme and address behind a proxy; the context's class loader and request listeners).
 * The checks are the full path's own: the same token resolver and decoder (signature, expiry, claims), the same
 * identifier parsing, the same tenancy and retention rules in the use case, and its errors go to the same exception
 * handlers. Only a plain request is taken: a path and query with nothing to decode (no escape, no path parameter), so
 * that the raw text is what the container would decode, and nothing here parses what the container and Spring refuse
 * on the full path. A request without a valid token, with {@code Prefer}, of any other shape, or for what is not
 * cached (or was evicted meanwhile) goes on down the full path untouched, which answers it as it always did.
 */
final class CachedPlaybackValve extends ValveBase {

    /** The controller's own mapping, around its one variable: the fast path serves exactly what it routes. */
    private static final String BEFORE_CALL_SID = RecordingController.RECORDING.substring(0,
            RecordingController.RECORDING.indexOf('{'));
    private static final String AFTER_CALL_SID = RecordingController.RECORDING.substring(
            RecordingController.RECORDING.indexOf('}') + 1);
    private static final String BUSINESS_ID = "business_id";

    /** Serves what is cached for the query, true; or false, with nothing written, when the full path must answer. */
    @FunctionalInterface
    private interface CachedAnswer {
        boolean serve(RecordingRequest target, StreamRecordingQuery query, HttpServletRequest request,
                      HttpServletResponse response) throws IOException;
    }

    private final JwtDecoder tokens;
    private final TokenResolver tokenResolver = new TokenResolver();
    private final CachedPlaybackUseCase cachedPlayback;
    private final StreamMetrics metrics;
    private final HandlerExceptionResolver errors;

    CachedPlaybackValve(JwtDecoder tokens, CachedPlaybackUseCase cachedPlayback, StreamMetrics metrics,
                        HandlerExceptionResolver errors) {
        super(true);
        this.tokens = tokens;
        this.cachedPlayback = cachedPlayback;
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
                    callSid != null ? this::cachedRecording : this::cachedWaveform)) {
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

    private boolean cachedRecording(RecordingRequest target, StreamRecordingQuery query, HttpServletRequest request,
                                    HttpServletResponse response) throws IOException {
        return sent(cachedPlayback.cachedRecording(query), request, response,
                recording -> CachedPlay.serve(target, recording, request, response, metrics));
    }

    private boolean cachedWaveform(RecordingRequest target, StreamRecordingQuery query, HttpServletRequest request,
                                   HttpServletResponse response) throws IOException {
        return sent(cachedPlayback.cachedWaveform(query), request, response,
                waveform -> WaveformDocument.send(waveform, request, response));
    }

    /** Sends what is cached, after the security headers, true; or false, with nothing written, when nothing is. */
    private static <T> boolean sent(Optional<T> cached, HttpServletRequest request, HttpServletResponse response,
                                    Sender<T> sender) throws IOException {
        if (cached.isEmpty()) {
            return false;
        }
        SecurityHeaders.write(request, response);
        sender.send(cached.get());
        return true;
    }

    @FunctionalInterface
    private interface Sender<T> {
        void send(T cached) throws IOException;
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
                             HttpServletResponse response, CachedAnswer cached) throws IOException {
        try {
            RecordingRequest target = RecordingRequest.parse(token, callSid, businessId);
            return cached.serve(target, new StreamRecordingQuery(target.viewer(), target.business(), target.callSid(),
                    Duration.ZERO), request, response);
        } catch (RecordingVanishedException e) {
            // Evicted between the lookup and the read, before anything was written: the full path requests it again.
            response.reset();
            return false;
        } catch (RuntimeException e) {
            // Bad identifiers, an unsatisfiable range, shared state or storage unavailable: the full path's answers.
            response.reset();
            SecurityHeaders.write(request, response);
            if (errors.resolveException(request, response, null, e) == null) {
                throw e;
            }
            return true;
        }
    }
}
