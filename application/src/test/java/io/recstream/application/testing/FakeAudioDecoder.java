package io.recstream.application.testing;

import io.recstream.application.port.out.AudioDecoder;
import io.recstream.application.port.out.RecordingStoreException;
import io.recstream.application.port.out.UndecodableAudioException;
import io.recstream.domain.PcmSink;
import io.recstream.domain.StoredRecording;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads each byte of a recording as one 8-bit sample of mono audio at {@value #RATE} Hz, so that a test can say where
 * a recording is loud; an empty recording is undecodable. Counts the recordings it decoded.
 */
public final class FakeAudioDecoder implements AudioDecoder {

    public static final int RATE = 8000;
    private final AtomicInteger decoded = new AtomicInteger();

    private volatile Runnable meanwhile = () -> {
    };

    /** Decodings tried, the undecodable included. */
    public int decoded() {
        return decoded.get();
    }

    /** Runs {@code action} once, in the middle of the next decoding, as if it happened meanwhile. */
    public void whileDecoding(Runnable action) {
        this.meanwhile = action;
    }

    @Override
    public void decode(StoredRecording recording, PcmSink sink) {
        byte[] bytes;
        try (InputStream in = Channels.newInputStream(recording.content().open())) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new RecordingStoreException("cannot read " + recording.callSid(), e);
        }
        decoded.incrementAndGet();
        if (bytes.length == 0) {
            throw new UndecodableAudioException("no audio in " + recording.callSid(), null);
        }
        Runnable action = meanwhile;
        meanwhile = () -> {
        };
        action.run();
        short[] samples = new short[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            samples[i] = (short) (bytes[i] << 8);
        }
        sink.layout(1, RATE);
        sink.samples(samples, samples.length);
    }
}
