package io.recstream.adapter.twilio;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Twilio, and how hard to try.
 *
 * @param accountSid     null if not configured
 * @param authToken      null if not configured
 * @param baseUrl        Twilio's REST base, e.g. {@code https://api.twilio.com}, or a simulator's
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for a response's headers
 * @param stallTimeout   how long a media body may send no byte before the download is aborted
 * @param maxRecordingBytes a media body larger than this is refused (announced or counted), never stored
 * @param resilience     retries, circuit breaker and bulkhead
 */
public record TwilioSettings(String accountSid, String authToken, URI baseUrl, Duration connectTimeout,
                             Duration readTimeout, Duration stallTimeout, long maxRecordingBytes,
                             Resilience resilience) {

    /** Twilio's own limits are far below: a recording of hours is some hundreds of MB (WAV). */
    public static final long DEFAULT_MAX_RECORDING_BYTES = 2L * 1024 * 1024 * 1024;

    /** Retries, circuit breaker and bulkhead around Twilio. */
    public record Resilience(Retry retry, CircuitBreaker circuitBreaker, Bulkhead bulkhead) {

        public static Resilience defaults() {
            return new Resilience(new Retry(3, Duration.ofMillis(500), Duration.ofSeconds(10)),
                    new CircuitBreaker(50, 20, 10, Duration.ofSeconds(30)), new Bulkhead(4, Duration.ofMinutes(2)));
        }
    }

    /**
     * @param maxAttempts    attempts of one call, retries included (timeouts, connection errors, 5xx, 429)
     * @param initialBackoff the first pause between attempts; doubled each time, with jitter
     * @param maxBackoff     the longest pause (a longer Retry-After from Twilio still wins)
     */
    public record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    }

    /**
     * @param failureRateThreshold the percentage of failing calls that opens the circuit
     * @param slidingWindowSize    how many recent calls the failure rate is computed over
     * @param minimumCalls         how many calls must have been made before the circuit can open
     * @param openDuration         how long the circuit stays open before calls are tried again
     */
    public record CircuitBreaker(float failureRateThreshold, int slidingWindowSize, int minimumCalls,
                                 Duration openDuration) {
    }

    /**
     * @param maxConcurrentDownloads media downloads at once per instance, so a burst can't trip Twilio's 429
     * @param downloadPermitWait     how long a download waits for a free slot
     */
    public record Bulkhead(int maxConcurrentDownloads, Duration downloadPermitWait) {
    }

    public TwilioSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        Objects.requireNonNull(resilience, "resilience");
        if (maxRecordingBytes < 1) {
            throw new IllegalArgumentException("maxRecordingBytes must be positive");
        }
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
