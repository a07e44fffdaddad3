package io.recstream.adapter.web;

import io.recstream.domain.Waveform;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;

/**
 * A recording's waveform as the API sends it, the same way from the fast path and the controller: BBC
 * audiowaveform's JSON (version 2, 8 bits, min/max per pixel and channel), the contract's layout.
 */
final class WaveformDocument {

    /** A recording's waveform never changes: a browser may keep it while the user reviews the call. */
    private static final String KEPT_BY_BROWSERS = CacheControl.maxAge(Duration.ofHours(1)).cachePrivate()
            .getHeaderValue();

    private WaveformDocument() {
    }

    static void send(Waveform waveform, HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] json = json(waveform);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("Cache-Control", KEPT_BY_BROWSERS);
        response.setContentLength(json.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(json);
        }
    }

    static byte[] json(Waveform waveform) {
        byte[] data = waveform.data();
        StringBuilder json = new StringBuilder(64 + 5 * data.length).append("{\"version\":2,\"channels\":")
                .append(waveform.channels()).append(",\"sample_rate\":").append(waveform.sampleRate())
                .append(",\"samples_per_pixel\":").append(waveform.samplesPerPixel()).append(",\"bits\":8,\"length\":")
                .append(waveform.pixels()).append(",\"data\":[");
        for (int i = 0; i < data.length; i++) {
            json.append(i == 0 ? "" : ",").append(data[i]);
        }
        return json.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
    }
}
