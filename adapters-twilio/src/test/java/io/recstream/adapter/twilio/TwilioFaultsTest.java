package io.recstream.adapter.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.recstream.application.port.out.MediaSink;
import io.recstream.application.port.out.ProviderAvailability;
import io.recstream.application.port.out.ProviderAvailabilityContract;
import io.recstream.application.port.out.ProviderException;
import io.recstream.application.testing.TestIds;
import io.recstream.devkit.TwilioSimulator;
import io.recstream.domain.FailureCause;
import io.recstream.domain.RecordingSid;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Twilio misbehaving in every way the issue lists, simulated by WireMock; each answer must come in bounded time. */
class TwilioFaultsTest {

    private static final Instant CREATED = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    private static TwilioSimulator twilio;

    @BeforeAll
    static void start() {
        twilio = TwilioSimulator.start();
    }

    @AfterAll
    static void stop() {
        twilio.close();
    }

    /** Fast, small settings: three attempts 50 ms apart, a breaker that opens after 4 outages for 2 s. */
    private static TwilioSettings.Resilience quick(int maxConcurrentDownloads) {
        return new TwilioSettings.Resilience(new TwilioSettings.Retry(3, Duration.ofMillis(50), Duration.ofMillis(200)),
                new TwilioSettings.CircuitBreaker(50, 4, 4, Duration.ofSeconds(2)),
                new TwilioSettings.Bulkhead(maxConcurrentDownloads, Duration.ofSeconds(10)));
    }

    private static TwilioRecordingProvider provider(TwilioSettings.Resilience resilience) {
        return new TwilioRecordingProvider(new TwilioSettings(TwilioSimulator.ACCOUNT_SID, TwilioSimulator.AUTH_TOKEN,
                URI.create(twilio.baseUrl()), Duration.ofMillis(500), Duration.ofMillis(700), Duration.ofMillis(700),
                TwilioSettings.DEFAULT_MAX_RECORDING_BYTES, resilience), Clock.systemUTC());
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** Stubs the media URL itself (no redirect) with a sequence of answers, the last one repeating. */
    private static String mediaAnswers(RecordingSid sid, ResponseDefinitionBuilder... answers) {
        String path = twilio.recordingPath(sid.value(), "mp3");
        String scenario = "media-" + sid.value();
        for (int i = 0; i < answers.length; i++) {
            var stub = get(urlPathEqualTo(path)).atPriority(0).inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED : "step-" + i);
            if (i < answers.length - 1) {
                stub = stub.willSetStateTo("step-" + (i + 1));
            }
            twilio.wireMock().stubFor(stub.willReturn(answers[i]));
        }
        return path;
    }

    private static ResponseDefinitionBuilder audio(byte[] body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "audio/mpeg").withBody(body);
    }

    private static int requestsTo(String path) {
        return twilio.wireMock().countRequestsMatching(getRequestedFor(urlPathEqualTo(path)).build()).getCount();
    }

    private static FailureCause failureOf(Runnable call) {
        ProviderException failure = org.assertj.core.api.Assertions.catchThrowableOfType(ProviderException.class, call::run);
        assertThat(failure).as("the call should fail").isNotNull();
        return failure.failureCause();
    }

    @Test
    void serverErrorsThenSuccess_areRetried_untilTheMediaArrives() {
        RecordingSid sid = TestIds.aRecordingSid();
        byte[] media = bytes(5000);
        String path = mediaAnswers(sid, aResponse().withStatus(500), aResponse().withStatus(503), audio(media));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();

        provider(quick(4)).downloadMedia(sid, MediaSink.of(sink));

        assertThat(sink.toByteArray()).isEqualTo(media);
        assertThat(requestsTo(path)).isEqualTo(3);
    }

    @Test
    void tooManyRequests_isRetried_afterTwiliosRetryAfter() {
        RecordingSid sid = TestIds.aRecordingSid();
        byte[] media = bytes(100);
        String path = mediaAnswers(sid, aResponse().withStatus(429).withHeader("Retry-After", "1"), audio(media));
        Instant start = Instant.now();

        provider(quick(4)).downloadMedia(sid, MediaSink.of(new ByteArrayOutputStream()));

        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(requestsTo(path)).isEqualTo(2);
    }

    @Test
    void clientErrorsAndNotFound_areNotRetried() {
        RecordingSid badRequest = TestIds.aRecordingSid();
        String badPath = mediaAnswers(badRequest, aResponse().withStatus(400));
        RecordingSid missing = TestIds.aRecordingSid();
        String missingPath = mediaAnswers(missing, aResponse().withStatus(404));
        TwilioRecordingProvider provider = provider(quick(4));

        assertThat(failureOf(() -> provider.downloadMedia(badRequest, MediaSink.of(new ByteArrayOutputStream()))))
                .isEqualTo(FailureCause.PROVIDER_ERROR);
        assertThat(failureOf(() -> provider.downloadMedia(missing, MediaSink.of(new ByteArrayOutputStream()))))
                .isEqualTo(FailureCause.RECORDING_NOT_FOUND);
        assertThat(requestsTo(badPath)).isEqualTo(1);
        assertThat(requestsTo(missingPath)).isEqualTo(1);
    }

    @Test
    void slowAnswers_fixedOrRandomDelays_timeOut_andAreRetried_withinBoundedTime() {
        RecordingSid fixed = TestIds.aRecordingSid();
        String fixedPath = mediaAnswers(fixed, audio(bytes(10)).withFixedDelay(3000));
        RecordingSid random = TestIds.aRecordingSid();
        byte[] media = bytes(10);
        String randomPath = mediaAnswers(random, audio(media).withUniformRandomDelay(1000, 3000), audio(media));
        Instant start = Instant.now();

        assertThat(failureOf(() -> provider(quick(4)).downloadMedia(fixed, MediaSink.of(new ByteArrayOutputStream()))))
                .isEqualTo(FailureCause.PROVIDER_ERROR);
        assertThat(requestsTo(fixedPath)).isEqualTo(3);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));

        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        provider(quick(4)).downloadMedia(random, MediaSink.of(sink));
        assertThat(sink.toByteArray()).isEqualTo(media);
        assertThat(requestsTo(randomPath)).isEqualTo(2);
    }

    @Test
    void connectionResetsAndMalformedBodies_areRetried() {
        RecordingSid sid = TestIds.aRecordingSid();
        byte[] media = bytes(2000);
        String path = mediaAnswers(sid, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                aResponse().withFault(Fault.EMPTY_RESPONSE), audio(media));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();

        provider(quick(4)).downloadMedia(sid, MediaSink.of(sink));

        assertThat(sink.toByteArray()).isEqualTo(media);
        assertThat(requestsTo(path)).isEqualTo(3);
    }

    @Test
    void aStalledOrBrokenBody_isAborted_inBoundedTime_andNeverRetriedIntoTheSameSink() {
        byte[] media = bytes(20_000);
        RecordingSid stalled = TestIds.aRecordingSid();
        mediaAnswers(stalled, audio(media).withChunkedDribbleDelay(4, 8000));
        RecordingSid broken = TestIds.aRecordingSid();
        mediaAnswers(broken, audio(media).withFault(Fault.RANDOM_DATA_THEN_CLOSE));
        TwilioRecordingProvider provider = provider(quick(4));
        ByteArrayOutputStream stalledSink = new ByteArrayOutputStream();
        ByteArrayOutputStream brokenSink = new ByteArrayOutputStream();
        Instant start = Instant.now();

        assertThat(failureOf(() -> provider.downloadMedia(stalled, MediaSink.of(stalledSink)))).isEqualTo(FailureCause.PROVIDER_ERROR);
        assertThat(Duration.between(start, Instant.now())).as("stall timeout 0.7 s, 3 attempts")
                .isLessThan(Duration.ofSeconds(4));
        assertThat(failureOf(() -> provider.downloadMedia(broken, MediaSink.of(brokenSink)))).isEqualTo(FailureCause.PROVIDER_ERROR);
        // Whatever arrived before the break is a prefix of the media, never a repetition of it.
        for (ByteArrayOutputStream sink : List.of(stalledSink, brokenSink)) {
            assertThat(sink.size()).isLessThan(media.length);
            assertThat(sink.toByteArray()).isEqualTo(java.util.Arrays.copyOf(media, sink.size()));
        }
    }

    /** The read timeout bounds the wait for the answer's headers; the stall timeout each gap within its body. */
    @Test
    void theReadTimeout_boundsTheWaitForTheAnswer_theStallTimeout_eachGapInItsBody() {
        byte[] media = bytes(20_000);
        TwilioRecordingProvider provider = new TwilioRecordingProvider(new TwilioSettings(TwilioSimulator.ACCOUNT_SID,
                TwilioSimulator.AUTH_TOKEN, URI.create(twilio.baseUrl()), Duration.ofMillis(500), Duration.ofSeconds(3),
                Duration.ofMillis(700), TwilioSettings.DEFAULT_MAX_RECORDING_BYTES, quick(4)), Clock.systemUTC());
        RecordingSid slowToAnswer = TestIds.aRecordingSid();
        mediaAnswers(slowToAnswer, audio(media).withFixedDelay(1500));
        RecordingSid gapsInItsBody = TestIds.aRecordingSid();
        mediaAnswers(gapsInItsBody, audio(media).withChunkedDribbleDelay(3, 4000));

        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        provider.downloadMedia(slowToAnswer, MediaSink.of(sink));
        assertThat(sink.toByteArray()).as("an answer slower than the stall timeout, within the read timeout")
                .isEqualTo(media);
        assertThat(failureOf(() -> provider.downloadMedia(gapsInItsBody, MediaSink.of(new ByteArrayOutputStream()))))
                .as("a body with gaps longer than the stall timeout, each within the read timeout")
                .isEqualTo(FailureCause.PROVIDER_ERROR);
    }

    @Test
    void anXmlErrorBody_isNeverStoredAsAudio() {
        RecordingSid sid = TestIds.aRecordingSid();
        mediaAnswers(sid, aResponse().withStatus(200).withHeader("Content-Type", "application/xml")
                .withBody("<TwilioResponse><RestException><Code>20404</Code></RestException></TwilioResponse>"));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();

        assertThat(failureOf(() -> provider(quick(4)).downloadMedia(sid, MediaSink.of(sink)))).isEqualTo(FailureCause.PROVIDER_ERROR);
        assertThat(sink.size()).isZero();
    }

    @Test
    void repeatedOutages_openTheCircuit_whichFailsFast_andClosesAgainAfterItsWait() {
        TwilioRecordingProvider provider = provider(new TwilioSettings.Resilience(
                new TwilioSettings.Retry(1, Duration.ofMillis(10), Duration.ofMillis(10)),
                new TwilioSettings.CircuitBreaker(50, 4, 4, Duration.ofSeconds(2)),
                new TwilioSettings.Bulkhead(4, Duration.ofSeconds(1))));
        RecordingSid failing = TestIds.aRecordingSid();
        String failingPath = mediaAnswers(failing, aResponse().withStatus(503));
        for (int i = 0; i < 4; i++) {
            failureOf(() -> provider.downloadMedia(failing, MediaSink.of(new ByteArrayOutputStream())));
        }

        assertThat(provider.unavailableFor()).hasValueSatisfying(left ->
                assertThat(left).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2)));
        failureOf(() -> provider.downloadMedia(failing, MediaSink.of(new ByteArrayOutputStream())));
        assertThat(requestsTo(failingPath)).as("an open circuit does not call Twilio").isEqualTo(4);

        await().atMost(Duration.ofSeconds(5)).until(() -> provider.unavailableFor().isEmpty());
        RecordingSid healthy = TestIds.aRecordingSid();
        twilio.addRecording(TestIds.aCallSid().value(), healthy.value(), CREATED, bytes(10));
        provider.downloadMedia(healthy, MediaSink.of(new ByteArrayOutputStream()));
        provider.downloadMedia(healthy, MediaSink.of(new ByteArrayOutputStream()));
        assertThat(provider.circuitBreakers().circuitBreaker(TwilioGuard.NAME).getState().name()).isEqualTo("CLOSED");
    }

    @Test
    void theBulkhead_boundsConcurrentDownloads_asTwilioSeesThem() {
        TwilioRecordingProvider provider = provider(quick(2));
        List<RecordingSid> sids = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            RecordingSid sid = TestIds.aRecordingSid();
            sids.add(sid);
            paths.add(mediaAnswers(sid, audio(bytes(100)).withFixedDelay(400)));
        }

        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(sids.size())) {
            CompletableFuture.allOf(sids.stream().map(sid -> CompletableFuture.runAsync(
                    () -> provider.downloadMedia(sid, MediaSink.of(new ByteArrayOutputStream())), pool))
                    .toArray(CompletableFuture[]::new)).join();
        }

        List<ServeEvent> served = twilio.wireMock().getAllServeEvents().stream()
                .filter(event -> paths.contains(event.getRequest().getUrl())).toList();
        assertThat(served).hasSize(6);
        assertThat(maxConcurrency(served)).isEqualTo(2);
    }

    /** The most requests that were being served at the same instant. */
    private static int maxConcurrency(List<ServeEvent> served) {
        List<long[]> edges = new ArrayList<>();
        for (ServeEvent event : served) {
            long start = event.getRequest().getLoggedDate().getTime();
            edges.add(new long[] {start, 1});
            edges.add(new long[] {start + event.getTiming().getTotalTime(), -1});
        }
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int current = 0;
        int max = 0;
        for (long[] edge : edges) {
            current += (int) edge[1];
            max = Math.max(max, current);
        }
        return max;
    }

    @Test
    void metadataOutages_areRetried_too() {
        RecordingSid sid = TestIds.aRecordingSid();
        twilio.addRecording(TestIds.aCallSid().value(), sid.value(), CREATED, bytes(10));
        String path = twilio.recordingPath(sid.value(), "json");
        String scenario = "meta-" + sid.value();
        twilio.wireMock().stubFor(get(urlPathEqualTo(path)).atPriority(0).inScenario(scenario)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willSetStateTo("recovered").willReturn(aResponse().withStatus(503)));

        assertThat(provider(quick(4)).fetchMetadata(sid).sid()).isEqualTo(sid);
        assertThat(requestsTo(path)).isEqualTo(2);
        assertThatThrownBy(() -> provider(quick(4)).fetchMetadata(TestIds.aRecordingSid()))
                .isInstanceOf(ProviderException.class);
    }

    /** The provider's availability is its circuit's: out for at most its open duration after repeated outages. */
    @Nested
    class AsProviderAvailability extends ProviderAvailabilityContract {
        private static final Duration OPEN = Duration.ofSeconds(1);
        private final TwilioRecordingProvider provider = provider(new TwilioSettings.Resilience(
                new TwilioSettings.Retry(1, Duration.ofMillis(10), Duration.ofMillis(10)),
                new TwilioSettings.CircuitBreaker(50, 4, 4, OPEN), new TwilioSettings.Bulkhead(4, Duration.ofSeconds(1))));

        @Override
        protected ProviderAvailability availability() {
            return provider;
        }

        @Override
        protected void failUntilUnavailable() {
            RecordingSid failing = TestIds.aRecordingSid();
            mediaAnswers(failing, aResponse().withStatus(503));
            for (int i = 0; i < 4; i++) {
                failureOf(() -> provider.downloadMedia(failing, MediaSink.of(new ByteArrayOutputStream())));
            }
        }

        @Override
        protected Duration longestWait() {
            return OPEN;
        }

        /** Real time: the circuit's clock is the system's. */
        @Override
        protected void passTime(Duration time) {
        }
    }
}
