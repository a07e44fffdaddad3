package io.recstream.adapter.twilio;

import io.recstream.application.port.out.MediaSink;
import io.recstream.domain.FailureCause;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Streams a recording's media (twilio-java has no media download) with Apache HttpClient 5: the read timeout bounds
 * the wait for the answer, and a body that sends no byte for the stall timeout is aborted ({@link StallWatch}; at
 * most the read timeout, the socket's). Redirects are followed by hand, so the
 * credentials go to Twilio only, never to the storage host Twilio redirects to. Nothing is buffered whole.
 */
final class MediaDownloader {

    private static final int MAX_REDIRECTS = 5;
    private static final int COPY_BUFFER_BYTES = 64 * 1024;

    private final CloseableHttpClient http;
    private final URI twilioBase;
    private final String basicAuth;
    private final long maxBytes;
    private final Duration stallTimeout;

    MediaDownloader(TwilioSettings settings, int maxConnections) {
        this.twilioBase = settings.baseUrl();
        this.maxBytes = settings.maxRecordingBytes();
        this.stallTimeout = settings.stallTimeout();
        this.basicAuth = "Basic " + Base64.getEncoder().encodeToString(
                (settings.accountSid() + ':' + settings.authToken()).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                                .setSocketTimeout(Timeout.of(settings.readTimeout())).build())
                        .setMaxConnTotal(maxConnections).setMaxConnPerRoute(maxConnections).build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(settings.readTimeout()))
                        .setConnectionRequestTimeout(Timeout.of(settings.connectTimeout())).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .build();
    }

    void download(URI mediaUrl, MediaSink sink) {
        URI url = mediaUrl;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            URI next = fetch(url, sink);
            if (next == null) {
                return;
            }
            url = next;
        }
        throw TwilioFailure.refused(FailureCause.PROVIDER_ERROR, "too many redirects for the media");
    }

    /** @return where a redirect points, or null once the media was written */
    private URI fetch(URI url, MediaSink sink) {
        HttpGet request = new HttpGet(url);
        if (sendsCredentialsTo(url)) {
            request.setHeader("Authorization", basicAuth);
        }
        long[] written = {0};
        try {
            return http.execute(request, response -> handle(url, request, response, sink, written));
        } catch (TwilioFailure e) {
            throw e;
        } catch (IOException e) {
            if (written[0] > 0) {
                throw TwilioFailure.brokenBody("media broke off after " + written[0] + " bytes: " + e, e);
            }
            throw TwilioFailure.unavailable("media request failed: " + e, null, e);
        }
    }

    private URI handle(URI url, HttpGet request, ClassicHttpResponse response, MediaSink sink, long[] written)
            throws IOException {
        int status = response.getCode();
        Header location = response.getFirstHeader("Location");
        if (status >= 300 && status < 400 && location != null) {
            return url.resolve(location.getValue());
        }
        if (status == 404) {
            throw TwilioFailure.refused(FailureCause.RECORDING_NOT_FOUND, "Twilio has no media at " + url.getPath());
        }
        if (TwilioFailure.isOutageStatus(status)) {
            throw TwilioFailure.unavailable("media answered HTTP " + status, retryAfter(response), null);
        }
        if (status != 200) {
            throw TwilioFailure.refused(FailureCause.PROVIDER_ERROR, "media answered HTTP " + status);
        }
        HttpEntity entity = response.getEntity();
        String contentType = entity == null || entity.getContentType() == null
                ? "" : entity.getContentType().toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("audio/")) {
            throw TwilioFailure.refused(FailureCause.PROVIDER_ERROR,
                    "media answered with Content-Type '" + contentType + "', not audio");
        }
        if (entity.getContentLength() > maxBytes) {
            throw tooLarge(entity.getContentLength() + " bytes announced");
        }
        if (entity.getContentLength() >= 0) {
            sink.expectLength(entity.getContentLength());
        }
        // A body shorter than its Content-Length, or a chunked one cut before its last chunk, fails the read itself.
        try (StallWatch watch = StallWatch.start(stallTimeout, request); InputStream body = entity.getContent()) {
            byte[] buffer = new byte[COPY_BUFFER_BYTES];
            int read;
            while ((read = readWatched(body, buffer, watch, written[0])) >= 0) {
                if (written[0] + read > maxBytes) {
                    throw tooLarge("more than " + maxBytes + " bytes sent");
                }
                sink.write(buffer, 0, read);
                written[0] += read;
            }
        }
        return null;
    }

    private int readWatched(InputStream body, byte[] buffer, StallWatch watch, long written) throws IOException {
        try {
            int read = body.read(buffer);
            watch.advanced();
            return read;
        } catch (IOException e) {
            if (watch.fired()) {
                throw new IOException("no byte for " + stallTimeout + " (recstream.twilio.stall-timeout) after "
                        + written + " bytes", e);
            }
            throw e;
        }
    }

    private TwilioFailure tooLarge(String what) {
        return TwilioFailure.refused(FailureCause.RECORDING_TOO_LARGE,
                "the recording is larger than recstream.twilio.max-recording-size (" + maxBytes + " bytes): " + what);
    }

    /**
     * Whether the credentials may go with a request to {@code url}: only to the configured Twilio base's scheme, host
     * and port (a redirect to plain HTTP, or to another host, gets none).
     */
    boolean sendsCredentialsTo(URI url) {
        return twilioBase.getScheme().equalsIgnoreCase(url.getScheme())
                && twilioBase.getHost().equalsIgnoreCase(url.getHost())
                && effectivePort(twilioBase) == effectivePort(url)
                && url.getRawPath() != null && url.getRawPath().startsWith("/" + TwilioRecordingProvider.API_VERSION + "/");
    }

    private static int effectivePort(URI url) {
        if (url.getPort() != -1) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    /** Retry-After in seconds or as an HTTP date; null if absent or unreadable. */
    static Duration retryAfter(ClassicHttpResponse response) {
        Header header = response.getFirstHeader("Retry-After");
        if (header == null) {
            return null;
        }
        String value = header.getValue().trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(java.time.Instant.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
