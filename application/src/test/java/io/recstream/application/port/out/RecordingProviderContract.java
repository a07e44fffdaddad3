package io.recstream.application.port.out;

import io.recstream.application.port.out.MediaSink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.application.testing.TestIds;
import io.recstream.domain.CallSid;
import io.recstream.domain.FailureCause;
import io.recstream.domain.RecordingSid;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What every {@link RecordingProvider} must do; each implementation's test extends this. */
public abstract class RecordingProviderContract {

    private static final Instant CREATED = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));

    protected abstract RecordingProvider provider();

    /** The provider holds a completed recording of the call. */
    protected abstract void givenRecording(CallSid callSid, RecordingSid recordingSid, Instant createdAt, byte[] media);

    /** The provider knows the call and lists no recording for it. */
    protected abstract void givenCallWithoutRecording(CallSid callSid);

    private static byte[] media(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void aRecordingsMetadata_tellsItsCallCreationAndThatItIsComplete() {
        CallSid call = TestIds.aCallSid();
        RecordingSid recording = TestIds.aRecordingSid();
        givenRecording(call, recording, CREATED, media(10));

        assertThat(provider().fetchMetadata(recording))
                .isEqualTo(new RecordingMetadata(recording, call, CREATED, RecordingMetadata.Availability.COMPLETED));
    }

    @Test
    void anUnknownRecording_isNotFound_aPermanentFailure() {
        assertThatThrownBy(() -> provider().fetchMetadata(TestIds.aRecordingSid()))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.failureCause()).isEqualTo(FailureCause.RECORDING_NOT_FOUND));
    }

    @Test
    void aCallsRecording_isFoundByTheCall_andACallWithoutOne_hasNone() {
        CallSid recorded = TestIds.aCallSid();
        RecordingSid recording = TestIds.aRecordingSid();
        givenRecording(recorded, recording, CREATED, media(10));
        CallSid silent = TestIds.aCallSid();
        givenCallWithoutRecording(silent);

        assertThat(provider().findRecordingOfCall(recorded)).hasValueSatisfying(found ->
                assertThat(found.sid()).isEqualTo(recording));
        assertThat(provider().findRecordingOfCall(silent)).isEmpty();
    }

    @Test
    void media_isStreamedWithItsExactBytes() {
        RecordingSid recording = TestIds.aRecordingSid();
        byte[] bytes = media(300_000);
        givenRecording(TestIds.aCallSid(), recording, CREATED, bytes);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();

        provider().downloadMedia(recording, MediaSink.of(sink));

        assertThat(sink.toByteArray()).isEqualTo(bytes);
    }

    @Test
    void media_announcesItsLength_beforeItsBytes() {
        RecordingSid recording = TestIds.aRecordingSid();
        byte[] bytes = media(100_000);
        givenRecording(TestIds.aCallSid(), recording, CREATED, bytes);
        long[] announcedAfter = {-1, -1};
        long[] written = {0};
        MediaSink sink = new MediaSink() {
            @Override
            public void expectLength(long totalBytes) {
                announcedAfter[0] = written[0];
                announcedAfter[1] = totalBytes;
            }

            @Override
            public void write(int b) {
                written[0]++;
            }

            @Override
            public void write(byte[] chunk, int offset, int length) {
                written[0] += length;
            }
        };

        provider().downloadMedia(recording, sink);

        assertThat(announcedAfter).as("announced before any byte, with the media's length")
                .containsExactly(0L, (long) bytes.length);
    }
}
