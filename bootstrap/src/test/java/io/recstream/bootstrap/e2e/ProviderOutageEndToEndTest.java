package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Twilio failing: the circuit opens, uncached plays get 503 at once, cached ones keep playing, and all recovers. */
@TestPropertySource(properties = {
        "recstream.twilio.retry.max-attempts=1",
        "recstream.twilio.circuit-breaker.minimum-calls=2",
        "recstream.twilio.circuit-breaker.sliding-window-size=2",
        "recstream.twilio.circuit-breaker.open-duration=4s",
        "recstream.download.retry.attempts=2",
        "recstream.download.retry.initial-backoff=200ms"})
class ProviderOutageEndToEndTest extends EndToEndTest {

    @Test
    void twilioOutage_opensTheCircuit_503sUncachedPlaysAtOnce_keepsCachedOnesPlaying_andRecovers() {
        Calls.TestCall cached = registered(CALLS.recorded("acme"));
        playUntilReady(cached);
        Calls.TestCall failing = registered(CALLS.recorded("acme"));
        INFRA.twilio.failMedia(failing.recordingSid(), 503);
        String token = tokenFor("acme");

        // Its first attempt and its retry both meet a 503: two outages in a window of two open the circuit.
        assertThat(get(streamPath(failing), token).statusCode()).isEqualTo(202);

        Calls.TestCall untouched = registered(CALLS.recorded("acme"));
        HttpResponse<byte[]> refused = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> get(streamPath(untouched), token), response -> response.statusCode() == 503);
        assertThat(body(refused)).contains("\"code\":\"provider_unavailable\"");
        assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(
                seconds -> assertThat(seconds).isBetween(1L, 4L));
        assertThat(INFRA.twilio.mediaDownloads(untouched.recordingSid())).isZero();
        assertThat(get(streamPath(cached), token).statusCode()).as("cached recordings keep playing").isEqualTo(200);
        assertThat(body(get("/actuator/prometheus", null))).contains("resilience4j_circuitbreaker_state");

        INFRA.twilio.healMedia(failing.recordingSid());
        // After the circuit's wait and the failed job's cool-down, plays request them anew and get the exact bytes.
        for (Calls.TestCall call : java.util.List.of(failing, untouched)) {
            HttpResponse<byte[]> served = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> get(streamPath(call), token), response -> response.statusCode() == 200);
            assertThat(served.body()).isEqualTo(call.media());
        }
    }
}
