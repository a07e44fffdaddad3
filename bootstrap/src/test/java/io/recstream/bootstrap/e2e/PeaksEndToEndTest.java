package io.recstream.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.recstream.devkit.Samples;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A recording's waveform: 202 while it is prepared, then the peaks of its real audio, checked as a play is. */
class PeaksEndToEndTest extends EndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String peaksPath(Calls.TestCall call) {
        return "/api/recordings/" + call.callSid() + "/peaks?business_id=" + call.business();
    }

    private Calls.TestCall spokenCall(Duration twilioDelay) {
        return registered(CALLS.recorded("acme", "inbound", Samples.repeatedMp3(2, 10), Duration.ofHours(1),
                twilioDelay));
    }

    @Test
    void aRecordingsPeaks_are202WhileItIsPrepared_thenItsWaveform() {
        Calls.TestCall call = spokenCall(Duration.ofMillis(300));
        String token = tokenFor("acme");

        HttpResponse<byte[]> first = get(peaksPath(call), token);
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("Retry-After")).isPresent();
        HttpResponse<byte[]> ready = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> get(peaksPath(call), token), response -> response.statusCode() == 200);

        assertThat(ready.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        JsonNode waveform = JSON.readTree(ready.body());
        assertThat(waveform.get("version").asInt()).isEqualTo(2);
        assertThat(waveform.get("bits").asInt()).isEqualTo(8);
        assertThat(waveform.get("channels").asInt()).isOne();
        int pixels = waveform.get("length").asInt();
        assertThat(pixels).isBetween(100, 2000);
        assertThat(waveform.get("data").size()).isEqualTo(2 * pixels);
        int loudest = 0;
        for (JsonNode value : waveform.get("data")) {
            loudest = Math.max(loudest, Math.abs(value.asInt()));
        }
        assertThat(loudest).as("speech is in the peaks").isGreaterThan(20);
        assertThat(INFRA.twilio.mediaDownloads(call.recordingSid())).as("one download for the peaks and the play")
                .isOne();
        assertThat(playUntilReady(call).body()).isEqualTo(call.media());
    }

    @Test
    void withPreferWait_theWaveformComesInOneRequest() {
        Calls.TestCall call = spokenCall(Duration.ofMillis(500));

        HttpResponse<byte[]> held = get(peaksPath(call), tokenFor("acme"), "Prefer", "wait=10");

        assertThat(held.statusCode()).isEqualTo(200);
        assertThat(held.headers().firstValue("Preference-Applied")).contains("wait=10");
    }

    @Test
    void aRecordingWhoseAudioCantBeDrawn_answersAProblemOfItsOwn_andStillPlays() {
        Calls.TestCall noise = registered(CALLS.recorded("acme", Duration.ofHours(1), 20_000, Duration.ZERO));
        assertThat(playUntilReady(noise).body()).isEqualTo(noise.media());

        HttpResponse<byte[]> held = get(peaksPath(noise), tokenFor("acme"), "Prefer", "wait=10");

        assertProblem(held, 404, "waveform_unavailable");
        assertProblem(get(peaksPath(noise), tokenFor("acme")), 404, "waveform_unavailable");
        assertThat(playUntilReady(noise).body()).isEqualTo(noise.media());
    }

    @Test
    void thePeaks_areCheckedAsAPlayIs() {
        Calls.TestCall call = spokenCall(Duration.ZERO);
        Calls.TestCall expired = registered(CALLS.recorded("acme", Duration.ofDays(7).plusHours(12), 100,
                Duration.ZERO));

        assertProblem(get(peaksPath(call), tokenFor("globex")), 403, "business_forbidden");
        assertProblem(get("/api/recordings/" + call.callSid() + "/peaks?business_id=globex", tokenFor("globex")),
                404, "call_not_found");
        assertProblem(get(peaksPath(expired), tokenFor("acme")), 410, "recording_expired");
        assertThat(get(peaksPath(call), null).statusCode()).isEqualTo(401);
    }
}
