package io.recstream.adapter.twilio;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * @param accountSid     null if not configured
 * @param authToken      null if not configured
 * @param baseUrl        Twilio's REST base, e.g. {@code https://api.twilio.com}, or a simulator's
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for a response, and for each chunk of a media body
 */
public record TwilioSettings(String accountSid, String authToken, URI baseUrl, Duration connectTimeout,
                             Duration readTimeout) {

    public TwilioSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        String base = baseUrl.toString();
        if (base.endsWith("/")) {
            baseUrl = URI.create(base.substring(0, base.length() - 1));
        }
    }

    /** Without credentials nothing can be downloaded: downloads then fail (transiently) saying so. */
    public boolean hasCredentials() {
        return accountSid != null && !accountSid.isBlank() && authToken != null && !authToken.isBlank();
    }

    /** Never print the auth token. */
    @Override
    public String toString() {
        return "TwilioSettings[accountSid=" + accountSid + ", baseUrl=" + baseUrl + "]";
    }
}
