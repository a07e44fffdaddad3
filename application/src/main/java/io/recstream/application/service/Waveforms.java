package io.recstream.application.service;

import io.recstream.application.port.out.AudioDecoder;
import io.recstream.application.port.out.RecordingStore;
import io.recstream.application.port.out.UndecodableAudioException;
import io.recstream.domain.StoredRecording;
import io.recstream.domain.Waveform;
import io.recstream.domain.WaveformBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A recording's waveform document: computed once from its audio, kept beside it in the store, and read from there
 * afterwards. The worker computes it right after it announces a recording; a recording without one yet (requested in
 * between, stored before waveforms, or its document lost) gets it on the first request for it.
 */
public class Waveforms {

    private final RecordingStore store;
    private final AudioDecoder decoder;

    public Waveforms(RecordingStore store, AudioDecoder decoder) {
        this.store = store;
        this.decoder = decoder;
    }

    /**
     * The document kept beside the recording, or computed from its audio and kept (create-if-absent); empty when the
     * audio can't be decoded.
     *
     * @throws io.recstream.application.port.out.RecordingStoreException when the store can't be read or written
     */
    public Optional<byte[]> documentOf(StoredRecording recording) {
        Optional<byte[]> kept = store.findWaveform(recording.callSid());
        if (kept.isPresent()) {
            return kept;
        }
        WaveformBuilder builder = new WaveformBuilder();
        try {
            decoder.decode(recording, builder);
        } catch (UndecodableAudioException e) {
            return Optional.empty();
        }
        Waveform waveform = builder.build();
        if (waveform.pixels() == 0) {
            return Optional.empty(); // audio without a sample: nothing to draw
        }
        byte[] document = json(waveform);
        store.saveWaveform(recording.callSid(), document);
        return Optional.of(document);
    }

    /** The contract's layout, BBC audiowaveform's JSON (version 2, 8 bits, min/max per pixel and channel). */
    static byte[] json(Waveform waveform) {
        byte[] data = waveform.data();
        StringBuilder json = new StringBuilder(64 + 5 * data.length).append("{\"version\":2,\"channels\":")
                .append(waveform.channels()).append(",\"sample_rate\":").append(waveform.sampleRate())
                .append(",\"samples_per_pixel\":").append(waveform.samplesPerPixel()).append(",\"bits\":8,\"length\":")
                .append(waveform.pixels()).append(",\"data\":[");
        for (int i = 0; i < data.length; i++) {
            json.append(i == 0 ? "" : ",").append(data[i]);
        }
        return json.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
    }
}
