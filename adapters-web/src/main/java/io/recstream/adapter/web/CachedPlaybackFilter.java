package io.recstream.adapter.web;

import io.recstream.application.port.in.CachedPlaybackUseCase;
import io.recstream.application.port.in.StreamRecordingQuery;
import io.recstream.domain.StoredRecording;
import io.recstream.domain.Waveform;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The fast path of a play: a cached recording (or its kept waveform), asked for with a valid token by a viewer of its
 * business, is served here, ahead of the observation, security and MVC filter chains, which cost several times what
 * serving a range does (measured: docs/benchmarks.md). The checks are the full path's own: the same token resolver
 * and decoder (signature, expiry, claims), the same identifier parsing, the same tenancy and retention rules in the
 * use case, and its errors go to the same exception handlers. A request without a valid token, with {@code Prefer},
 * or for what is not cached (or was evicted meanwhile) goes on down the full path untouched, which answers it as it
 * always did.
 */
final class CachedPlaybackFilter extends OncePerRequestFilter {

    /** The controller's own mappings: the fast path serves exactly what the full one would route to it. */
    private static final PathPattern STREAM_PATH =
            PathPatternParser.defaultInstance.parse(RecordingController.RECORDING + RecordingController.STREAM);
    private static final PathPattern PEAKS_PATH =
            PathPatternParser.defaultInstance.parse(RecordingController.RECORDING + RecordingController.PEAKS);

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

    CachedPlaybackFilter(JwtDecoder tokens, CachedPlaybackUseCase cachedPlayback, StreamMetrics metrics,
                         HandlerExceptionResolver errors) {
        this.tokens = tokens;
        this.cachedPlayback = cachedPlayback;
        this.metrics = metrics;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isPlainPlay(request)) {
            PathContainer path = PathContainer.parsePath(request.getRequestURI());
            PathPattern.PathMatchInfo stream = STREAM_PATH.matchAndExtract(path);
            PathPattern.PathMatchInfo peaks = stream == null ? PEAKS_PATH.matchAndExtract(path) : null;
            PathPattern.PathMatchInfo matched = stream != null ? stream : peaks;
            Jwt token = matched == null ? null : validToken(request);
            if (token != null && answered(token, matched.getUriVariables().get("callSid"), request, response,
                    stream != null ? this::cachedRecording : this::cachedWaveform)) {
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** GET or HEAD without {@code Prefer} (which the full path answers with {@code Preference-Applied}). */
    private static boolean isPlainPlay(HttpServletRequest request) {
        String method = request.getMethod();
        return ("GET".equals(method) || "HEAD".equals(method)) && request.getHeader("Prefer") == null;
    }

    private boolean cachedRecording(RecordingRequest target, StreamRecordingQuery query, HttpServletRequest request,
                                    HttpServletResponse response) throws IOException {
        Optional<StoredRecording> cached = cachedPlayback.cachedRecording(query);
        if (cached.isEmpty()) {
            return false;
        }
        SecurityHeaders.write(request, response);
        CachedPlay.serve(target, cached.get(), request, response, metrics);
        return true;
    }

    private boolean cachedWaveform(RecordingRequest target, StreamRecordingQuery query, HttpServletRequest request,
                                   HttpServletResponse response) throws IOException {
        Optional<Waveform> kept = cachedPlayback.cachedWaveform(query);
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
    private boolean answered(Jwt token, String callSid, HttpServletRequest request, HttpServletResponse response,
                             CachedAnswer cached) throws IOException {
        try {
            RecordingRequest target = RecordingRequest.parse(token, callSid, request.getParameter("business_id"));
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
