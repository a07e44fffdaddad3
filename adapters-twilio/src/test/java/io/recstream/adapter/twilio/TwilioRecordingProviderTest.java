package io.recstream.adapter.twilio;

import io.recstream.application.port.out.MediaSink;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.application.port.out.ProviderException;
import io.recstream.application.port.out.RecordingProvider;
import io.recstream.application.port.out.RecordingProviderContract;
import io.recstream.application.testing.TestIds;
import io.recstream.devkit.TwilioSimulator;
import io.recstream.domain.CallSid;
import io.recstream.domain.FailureCause;
import io.recstream.domain.RecordingSid;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Twilio adapter against the Twilio simulator (WireMock), held to the provider's contract and beyond it. */
class TwilioRecordingProviderTest extends RecordingProviderContract {

    private static final Instant CREATED = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    private static final long MAX_RECORDING_BYTES = 1_000_000;

    private static TwilioSimulator twilio;
    private static TwilioRecordingProvider provider;

    @BeforeAll
    static void start() {
        twilio = TwilioSimulator.start();
        provider = new TwilioRecordingProvider(settings(TwilioSimulator.AUTH_TOKEN), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        twilio.close();
    }

    private static TwilioSettings settings(String authToken) {
        return new TwilioSettings(TwilioSimulator.ACCOUNT_SID, authToken, URI.create(twilio.baseUrl() + "/"),
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(2), MAX_RECORDING_BYTES,
                TwilioSettings.Resilience.defaults());
    }

    @Override
    protected RecordingProvider provider() {
        return provider;
    }

    @Override
    protected void givenRecording(CallSid callSid, RecordingSid recordingSid, Instant createdAt, byte[] media) {
        twilio.addRecording(callSid.value(), recordingSid.value(), createdAt, media);
    }

    @Override
    protected void givenCallWithoutRecording(CallSid callSid) {
        twilio.addCallWithoutRecording(callSid.value());
    }

    private static byte[] mp3(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void theCredentialsNeverLeaveTwilio() {
        RecordingSid recording = TestIds.aRecordingSid();
        twilio.addRecording(TestIds.aCallSid().value(), recording.value(), CREATED, mp3(1000));

        provider.downloadMedia(recording, MediaSink.of(new ByteArrayOutputStream()));

        twilio.wireMock().verify(1, getRequestedFor(urlPathMatching("/storage/" + recording.value() + ".mp3"))
                .withHeader("Authorization", absent()));
    }

    @Test
    void deletedMedia_isAPermanentNotFound() {
        RecordingSid recording = TestIds.aRecordingSid();
        twilio.addRecording(TestIds.aCallSid().value(), recording.value(), CREATED, mp3(10));
        twilio.deleteRecording(recording.value());

        assertThatThrownBy(() -> provider.downloadMedia(recording, MediaSink.of(new ByteArrayOutputStream())))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.failureCause()).isEqualTo(FailureCause.RECORDING_NOT_FOUND));
    }

    @Test
    void wrongCredentials_areATransientProviderError_notANotFound() {
        var misconfigured = new TwilioRecordingProvider(settings("wrong-token"), Clock.systemUTC());
        RecordingSid recording = TestIds.aRecordingSid();
        twilio.addRecording(TestIds.aCallSid().value(), recording.value(), CREATED, mp3(10));

        assertThatThrownBy(() -> misconfigured.fetchMetadata(recording))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.failureCause()).isEqualTo(FailureCause.PROVIDER_ERROR));
        assertThatThrownBy(() -> misconfigured.downloadMedia(recording, MediaSink.of(new ByteArrayOutputStream())))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.failureCause()).isEqualTo(FailureCause.PROVIDER_ERROR));
    }

    @Test
    void anErrorBodyWithStatus200_isNeverTakenForAudio() {
        RecordingSid recording = TestIds.aRecordingSid();
        twilio.wireMock().stubFor(get(urlPathEqualTo(twilio.recordingPath(recording.value(), "mp3"))).atPriority(0)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/xml")
                        .withBody("<TwilioResponse><RestException><Code>20404</Code></RestException></TwilioResponse>")));

        assertThatThrownBy(() -> provider.downloadMedia(recording, MediaSink.of(new ByteArrayOutputStream())))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.failureCause()).isEqualTo(FailureCause.PROVIDER_ERROR));
    }

    @Test
    void aRecordingLargerThanTheLimit_isRefusedForGood_whetherItsLengthIsAnnouncedOrNot() {
        RecordingSid announced = TestIds.aRecordingSid();
        twilio.addRecording(TestIds.aCallSid().value(), announced.value(), CREATED, mp3((int) MAX_RECORDING_BYTES + 1));
        RecordingSid chunked = TestIds.aRecordingSid();
        byte[] large = mp3((int) MAX_RECORDING_BYTES + 100_000);
        twilio.addRecording(TestIds.aCallSid().value(), chunked.value(), CREATED, large);
        twilio.dribbleMedia(chunked.value(), large, 4, Duration.ofMillis(200));

        for (RecordingSid tooLarge : java.util.List.of(announced, chunked)) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            assertThatThrownBy(() -> provider.downloadMedia(tooLarge, MediaSink.of(sink)))
                    .isInstanceOfSatisfying(ProviderException.class,
                            e -> assertThat(e.failureCause()).isEqualTo(FailureCause.RECORDING_TOO_LARGE));
            assertThat(sink.size()).isLessThanOrEqualTo((int) MAX_RECORDING_BYTES);
        }
    }

    @Test
    void redirects_areFollowedFiveTimesAtMost() {
        RecordingSid recording = TestIds.aRecordingSid();
        String media = twilio.recordingPath(recording.value(), "mp3");
        twilio.wireMock().stubFor(get(urlPathEqualTo(media)).atPriority(0)
                .willReturn(aResponse().withStatus(302).withHeader("Location", "/hop/1")));
        for (int hop = 1; hop <= 6; hop++) {
            twilio.wireMock().stubFor(get(urlPathEqualTo("/hop/" + hop))
                    .willReturn(aResponse().withStatus(302).withHeader("Location", "/hop/" + (hop + 1))));
        }

        assertThatThrownBy(() -> provider.downloadMedia(recording, MediaSink.of(new ByteArrayOutputStream())))
                .isInstanceOf(ProviderException.class).hasMessageContaining("redirects");
        twilio.wireMock().verify(0, getRequestedFor(urlPathEqualTo("/hop/6")));
    }
}
