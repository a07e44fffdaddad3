package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "recstream.download.legacy-wait=1s")
class LegacyDownloadTimeoutEndToEndTest extends EndToEndTest {

    @Test
    void legacyDownload_answers504NotReady_whenTwilioIsSlowerThanItsWait_never502() {
        Calls.TestCall slow = registered(CALLS.recorded("acme", Duration.ofHours(1), 10_000, Duration.ofMillis(2500)));
        Instant start = Instant.now();

        HttpResponse<byte[]> response = get("/api/calls/" + slow.callSid() + "/download?business_id=acme", tokenFor("acme"));

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"code\":\"recording_not_ready\"");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(3));
        // The download goes on in the background: the stream endpoint serves it once it lands.
        assertThat(playUntilReady(slow).body()).isEqualTo(slow.media());
    }
}
