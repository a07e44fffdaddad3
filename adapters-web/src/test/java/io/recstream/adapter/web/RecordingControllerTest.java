package io.recstream.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.recstream.application.port.in.PeaksAnswer;
import io.recstream.application.port.in.Playback;
import io.recstream.application.port.in.RecordingStatusUseCase;
import io.recstream.application.port.in.StreamRecordingQuery;
import io.recstream.application.port.in.StreamRecordingUseCase;
import io.recstream.domain.AudioFormat;
import io.recstream.domain.CallSid;
import io.recstream.domain.StoredRecording;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.jwt.Jwt;

class RecordingControllerTest {

    private static final String CALL = "CA" + "d".repeat(32);

    /** A recording that is found, and gone by the time it is opened: evicted in between, every time. */
    private static StoredRecording evictedOnceFound() {
        return new StoredRecording(new CallSid(CALL), AudioFormat.MP3, 1000, Instant.now().truncatedTo(ChronoUnit.SECONDS), () -> {
            throw new NoSuchFileException(CALL + ".mp3");
        });
    }

    private static final class AlwaysEvicted implements StreamRecordingUseCase {
        final AtomicInteger plays = new AtomicInteger();

        @Override
        public Playback stream(StreamRecordingQuery query) {
            plays.incrementAndGet();
            return new Playback.Ready(evictedOnceFound());
        }

        @Override
        public PeaksAnswer peaks(StreamRecordingQuery query) {
            throw new UnsupportedOperationException("not played here");
        }
    }

    @Test
    void aRecordingThatVanishesTwiceBetweenLookupAndAnswer_isA503WithRetryAfter_neverA500() {
        AlwaysEvicted plays = new AlwaysEvicted();
        RecordingStatusUseCase noStatus = query -> {
            throw new UnsupportedOperationException();
        };
        RecordingController controller = new RecordingController(plays, noStatus,
                new StreamMetrics(new SimpleMeterRegistry()), new HeldRequests(1));
        Jwt token = Jwt.withTokenValue("t").header("alg", "HS256").subject("agent")
                .claim(RecordingRequest.BUSINESS_IDS_CLAIM, List.of("acme")).build();

        assertThatThrownBy(() -> controller.stream(token, CALL, "acme", null, new MockHttpServletRequest("GET", "/"),
                new MockHttpServletResponse()))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.problem()).isEqualTo(ProblemCode.STORAGE_UNAVAILABLE);
                    assertThat(problem.headers().getFirst("Retry-After")).isEqualTo("1");
                });
        assertThat(plays.plays).hasValue(2);
    }
}
