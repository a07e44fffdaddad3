package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each of recstream's meters moves when its event happens, as Prometheus scrapes them. */
class MetricsEndToEndTest extends EndToEndTest {

    private String scrape() {
        return new String(get("/actuator/prometheus", null).body(), StandardCharsets.UTF_8);
    }

    /** The sum of the samples of {@code name} that carry every one of {@code labels} ({@code key="value"}). */
    private static double value(String scrape, String name, String... labels) {
        double sum = 0;
        for (String line : scrape.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean matches = true;
            for (String label : labels) {
                matches &= line.contains(label);
            }
            if (matches) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private double now(String name, String... labels) {
        return value(scrape(), name, labels);
    }

    @Test
    void playsAndDownloads_moveTheirMeters() {
        Calls.TestCall call = registered(CALLS.recorded("acme", Duration.ofHours(1), 12_345, Duration.ofMillis(200)));
        double preparing = now("recstream_stream_requests_total", "outcome=\"preparing\"");
        double served = now("recstream_stream_requests_total", "outcome=\"served\"");
        double partial = now("recstream_stream_requests_total", "outcome=\"partial\"");
        double misses = now("recstream_cache_lookups_total", "result=\"miss\"");
        double hits = now("recstream_cache_lookups_total", "result=\"hit\"");
        double downloads = now("recstream_download_duration_seconds_count", "result=\"downloaded\"");
        double bytes = now("recstream_download_size_bytes_sum");

        assertThat(get(streamPath(call), tokenFor("acme")).statusCode()).isEqualTo(202);
        playUntilReady(call);
        get(streamPath(call), tokenFor("acme"), "Range", "bytes=0-9");

        String after = scrape();
        assertThat(value(after, "recstream_stream_requests_total", "outcome=\"preparing\"")).isGreaterThan(preparing);
        assertThat(value(after, "recstream_stream_requests_total", "outcome=\"served\"")).isGreaterThan(served);
        assertThat(value(after, "recstream_stream_requests_total", "outcome=\"partial\"")).isEqualTo(partial + 1);
        assertThat(value(after, "recstream_cache_lookups_total", "result=\"miss\"")).isGreaterThan(misses);
        assertThat(value(after, "recstream_cache_lookups_total", "result=\"hit\"")).isGreaterThanOrEqualTo(hits + 2);
        assertThat(value(after, "recstream_download_duration_seconds_count", "result=\"downloaded\"")).isEqualTo(downloads + 1);
        assertThat(value(after, "recstream_download_size_bytes_sum")).isEqualTo(bytes + 12_345);
        assertThat(after).contains("recstream_downloads_in_flight", "resilience4j_circuitbreaker_state{",
                "kafka_consumer_fetch_manager_records_lag_max");
    }

    @Test
    void refusalsAndFailures_moveTheirMeters() {
        Calls.TestCall expired = registered(CALLS.recorded("acme", Duration.ofDays(7).plusHours(12), 100, Duration.ZERO));
        Calls.TestCall deleted = registered(CALLS.recorded("acme"));
        INFRA.twilio.deleteRecording(deleted.recordingSid());
        double expiredCount = now("recstream_stream_requests_total", "outcome=\"expired\"");
        double forbidden = now("recstream_stream_requests_total", "outcome=\"forbidden\"");
        double notFound = now("recstream_download_failures_total", "cause=\"recording_not_found\"");

        get(streamPath(expired), tokenFor("acme"));
        get(streamPath(expired), tokenFor("globex"));
        get(streamPath(deleted), tokenFor("acme"));

        assertThat(now("recstream_stream_requests_total", "outcome=\"expired\"")).isEqualTo(expiredCount + 1);
        assertThat(now("recstream_stream_requests_total", "outcome=\"forbidden\"")).isEqualTo(forbidden + 1);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                now("recstream_download_failures_total", "cause=\"recording_not_found\"") == notFound + 1);
    }
}
