package io.recstream.adapter.twilio;

import io.recstream.application.port.out.ProviderException;
import io.recstream.domain.FailureCause;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Streams a recording's media with a plain HTTP client (twilio-java has no media download). Redirects are followed
 * by hand, so that the credentials go to Twilio only, never to the storage host Twilio redirects to.
 */
final class MediaDownloader {

    private static final int MAX_REDIRECTS = 5;
    private static final int COPY_BUFFER_BYTES = 64 * 1024;

    private final HttpClient http;
    private final TwilioSettings settings;
    private final String basicAuth;

    MediaDownloader(TwilioSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.basicAuth = "Basic " + Base64.getEncoder().encodeToString(
                (settings.accountSid() + ':' + settings.authToken()).getBytes(StandardCharsets.UTF_8));
    }

    void download(URI mediaUrl, OutputStream sink) {
        URI url = mediaUrl;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse<InputStream> response = send(url);
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                closeQuietly(response.body());
                url = url.resolve(response.headers().firstValue("Location").get());
                continue;
            }
            try (InputStream body = response.body()) {
                if (status != 200) {
                    throw failureFor(status, url);
                }
                String contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
                if (!contentType.startsWith("audio/")) {
                    throw new ProviderException(FailureCause.PROVIDER_ERROR,
                            "media answered with Content-Type '" + contentType + "', not audio");
                }
                copy(body, sink, response.headers().firstValueAsLong("Content-Length").orElse(-1));
                return;
            } catch (IOException e) {
                throw new ProviderException(FailureCause.PROVIDER_ERROR, "media body broke off: " + e.getMessage(), e);
            }
        }
        throw new ProviderException(FailureCause.PROVIDER_ERROR, "too many redirects for the media");
    }

    private HttpResponse<InputStream> send(URI url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(settings.readTimeout());
        if (isTwilio(url)) {
            request.header("Authorization", basicAuth);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ProviderException(FailureCause.PROVIDER_ERROR, "media request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(FailureCause.PROVIDER_ERROR, "interrupted while fetching media", e);
        }
    }

    private boolean isTwilio(URI url) {
        URI base = settings.baseUrl();
        return base.getHost().equalsIgnoreCase(url.getHost()) && base.getPort() == url.getPort()
                && url.getRawPath().startsWith("/2010-04-01/");
    }

    private static ProviderException failureFor(int status, URI url) {
        if (status == 404) {
            return new ProviderException(FailureCause.RECORDING_NOT_FOUND, "the provider has no media at " + url.getPath());
        }
        return new ProviderException(FailureCause.PROVIDER_ERROR, "media answered HTTP " + status);
    }

    private static void copy(InputStream body, OutputStream sink, long expectedLength) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER_BYTES];
        long copied = 0;
        int read;
        while ((read = body.read(buffer)) >= 0) {
            sink.write(buffer, 0, read);
            copied += read;
        }
        if (expectedLength >= 0 && copied != expectedLength) {
            throw new IOException("expected " + expectedLength + " bytes, got " + copied);
        }
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // a redirect's body is of no interest
        }
    }
}
