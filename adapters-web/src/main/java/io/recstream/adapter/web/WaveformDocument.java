package io.recstream.adapter.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;

/** A recording's waveform document, sent the same way by the fast path and the controller. */
final class WaveformDocument {

    /** A recording's waveform never changes: a browser may keep it while the user reviews the call. */
    private static final String KEPT_BY_BROWSERS = CacheControl.maxAge(Duration.ofHours(1)).cachePrivate()
            .getHeaderValue();

    private WaveformDocument() {
    }

    static void send(byte[] json, HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("Cache-Control", KEPT_BY_BROWSERS);
        response.setContentLength(json.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(json);
        }
    }
}
