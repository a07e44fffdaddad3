package io.recstream.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.application.testing.ByteArrayChannel;
import io.recstream.application.testing.TestIds;
import io.recstream.domain.AudioFormat;
import io.recstream.domain.PcmSink;
import io.recstream.domain.StoredRecording;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link AudioDecoder} promises, whatever decodes the audio. */
public abstract class AudioDecoderContract {

    protected abstract AudioDecoder decoder();

    /** Audio the decoder can decode, in its format. */
    protected abstract byte[] audio();

    protected abstract AudioFormat format();

    protected StoredRecording recordingOf(byte[] bytes) {
        return new StoredRecording(TestIds.aCallSid(), format(), bytes.length, Instant.now(),
                () -> new ByteArrayChannel(() -> bytes));
    }

    /** What a sink was told, in order. */
    private static final class Told implements PcmSink {
        final List<String> calls = new ArrayList<>();
        long samples;

        @Override
        public void layout(int channels, int sampleRate) {
            calls.add("layout " + (channels > 0 && sampleRate > 0));
        }

        @Override
        public void samples(short[] interleaved, int count) {
            if (calls.isEmpty() || !calls.getLast().equals("samples")) {
                calls.add("samples");
            }
            samples += count;
        }
    }

    @Test
    void audio_isToldItsLayoutFirst_thenAllItsSamples() {
        Told sink = new Told();

        decoder().decode(recordingOf(audio()), sink);

        assertThat(sink.calls).containsExactly("layout true", "samples");
        assertThat(sink.samples).isPositive();
    }

    @Test
    void aRecordingWithoutAudio_isUndecodable() {
        assertThatThrownBy(() -> decoder().decode(recordingOf(new byte[0]), new Told()))
                .isInstanceOf(UndecodableAudioException.class);
    }

    @Test
    void aRecordingThatCannotBeRead_isTheStoresFailure() {
        StoredRecording unreadable = new StoredRecording(TestIds.aCallSid(), format(), 100, Instant.now(), () -> {
            throw new IOException("the volume went away");
        });

        assertThatThrownBy(() -> decoder().decode(unreadable, new Told())).isInstanceOf(RecordingStoreException.class);
    }
}
