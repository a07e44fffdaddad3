package io.recstream.application.service;

import io.recstream.application.port.out.AudioDecoder;
import io.recstream.application.port.out.DownloadLock;
import io.recstream.application.port.out.LockLease;
import io.recstream.application.port.out.RecordingStore;
import io.recstream.application.port.out.SharedStateUnavailableException;
import io.recstream.application.port.out.UndecodableAudioException;
import io.recstream.domain.StoredRecording;
import io.recstream.domain.Waveform;
import io.recstream.domain.WaveformBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A recording's waveform document: computed once from its audio, kept beside it in the store, and read from there
 * afterwards. The worker computes it right after it announces a recording, still holding the recording's download
 * lock; a request meanwhile waits for that one rather than decode the audio a second time. A recording without one
 * (stored before waveforms, its document lost, or its worker gone) gets it on the first request for it.
 */
public class Waveforms {

    /** What a request for the waveform of a stored recording finds. */
    public sealed interface Requested {
        /** The document, kept (or computed now and kept). */
        record Document(byte[] json) implements Requested {
        }

        /** Another worker is computing it now: ask again once it announces the recording. */
        record BeingComputed() implements Requested {
        }

        /** The audio can't be decoded, or has no sample: there is nothing to draw. */
        record Undrawable() implements Requested {
        }
    }

    private final RecordingStore store;
    private final AudioDecoder decoder;
    private final DownloadLock lock;

    public Waveforms(RecordingStore store, AudioDecoder decoder, DownloadLock lock) {
        this.store = store;
        this.decoder = decoder;
        this.lock = lock;
    }

    /**
     * For a request: the kept document; or, unless a worker holds the recording (computing it), computed now, under
     * the recording's lock so that simultaneous requests decode it once. The lock only saves work: unreachable, the
     * document is computed all the same, and the store keeps whichever is published first.
     *
     * @throws io.recstream.application.port.out.RecordingStoreException when the store can't be read or written
     */
    public Requested requested(StoredRecording recording) {
        Optional<byte[]> kept = kept(recording);
        if (kept.isPresent()) {
            return new Requested.Document(kept.get());
        }
        Optional<LockLease> lease;
        try {
            lease = lock.tryAcquire(recording.callSid());
        } catch (SharedStateUnavailableException e) {
            return computedAndKept(recording);
        }
        if (lease.isEmpty()) {
            return new Requested.BeingComputed();
        }
        try (LockLease held = lease.get()) {
            return computedAndKept(recording);
        }
    }

    /**
     * For the worker, which holds the recording's lock: the kept document, or computed from the audio and kept
     * (create-if-absent); empty when there is nothing to draw.
     *
     * @throws io.recstream.application.port.out.RecordingStoreException when the store can't be read or written
     */
    public Optional<byte[]> documentOf(StoredRecording recording) {
        Optional<byte[]> kept = kept(recording);
        if (kept.isPresent()) {
            return kept;
        }
        return computedAndKept(recording) instanceof Requested.Document(byte[] json) ? Optional.of(json)
                : Optional.empty();
    }

    /**
     * The document kept beside the recording, if any; nothing is computed.
     *
     * @throws io.recstream.application.port.out.RecordingStoreException when the store can't be read
     */
    public Optional<byte[]> kept(StoredRecording recording) {
        return store.findWaveform(recording.callSid());
    }

    private Requested computedAndKept(StoredRecording recording) {
        WaveformBuilder builder = new WaveformBuilder();
        try {
            decoder.decode(recording, builder);
        } catch (UndecodableAudioException e) {
            return new Requested.Undrawable();
        }
        Waveform waveform = builder.build();
        if (waveform.pixels() == 0) {
            return new Requested.Undrawable(); // audio without a sample: nothing to draw
        }
        byte[] document = json(waveform);
        store.saveWaveform(recording.callSid(), document);
        return new Requested.Document(document);
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
