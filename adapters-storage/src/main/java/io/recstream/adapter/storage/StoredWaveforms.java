package io.recstream.adapter.storage;

import io.recstream.application.port.out.RecordingStoreException;
import io.recstream.domain.CallSid;
import io.recstream.domain.Waveform;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * How the stores keep a recording's waveform beside it ({@code <callSid>.peaks}): the store's own format, not the
 * API's, so that the API's document can change without touching a stored file. A magic number and version, the
 * layout (channels, sample rate, samples per pixel), then the min/max bytes as the domain lays them out.
 */
final class StoredWaveforms {

    static final String SUFFIX = ".peaks";
    /**
     * Waveforms of the API's JSON, kept before 2026-12-04: never read (a request computes the waveform again), and
     * deleted with their recordings.
     */
    static final String EARLIER_SUFFIX = ".peaks.json";

    private static final int MAGIC = 0x52535701; // "RSW" and version 1
    private static final int HEADER_BYTES = 4 * Integer.BYTES;

    private StoredWaveforms() {
    }

    static byte[] encode(Waveform waveform) {
        byte[] data = waveform.data();
        return ByteBuffer.allocate(HEADER_BYTES + data.length).putInt(MAGIC).putInt(waveform.channels())
                .putInt(waveform.sampleRate()).putInt(waveform.samplesPerPixel()).put(data).array();
    }

    static Waveform decode(CallSid callSid, byte[] stored) {
        try {
            ByteBuffer in = ByteBuffer.wrap(stored);
            if (in.getInt() != MAGIC) {
                throw new IllegalArgumentException("no waveform of this format");
            }
            int channels = in.getInt();
            int sampleRate = in.getInt();
            int samplesPerPixel = in.getInt();
            byte[] data = new byte[in.remaining()];
            in.get(data);
            return new Waveform(channels, sampleRate, samplesPerPixel, data);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new RecordingStoreException("the kept waveform of " + callSid + " is damaged: " + e.getMessage(), e);
        }
    }
}
