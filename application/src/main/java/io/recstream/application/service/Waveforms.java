package io.recstream.application.service;

import io.recstream.application.port.out.AudioDecoder;
import io.recstream.application.port.out.DownloadLock;
import io.recstream.application.port.out.LockLease;
import io.recstream.application.port.out.RecordingReadiness;
import io.recstream.application.port.out.RecordingStore;
import io.recstream.application.port.out.RecordingStoreException;
import io.recstream.application.port.out.SharedStateUnavailableException;
import io.recstream.application.port.out.UndecodableAudioException;
import io.recstream.domain.CallSid;
import io.recstream.domain.StoredRecording;
import io.recstream.domain.Waveform;
import io.recstream.domain.WaveformBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A recording's waveform document: computed once from its audio, kept beside it in the store, and read from there
 * afterwards. Once a worker has stored a recording, announced it and released its lock, the waveform is computed on
 * an executor of its own (decoding takes about 0.1 s of CPU per minute of audio, which neither first audio nor the
 * download slots wait for), under the recording's lock; a request meanwhile waits for that one rather than decode
 * the audio a second time, and one that comes first computes it itself. A recording without one (stored before
 * waveforms, its document lost, its computation refused or its instance gone) gets it on the first request for it.
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
    private final RecordingReadiness readiness;
    private final Executor afterDownload;

    /**
     * @param afterDownload where waveforms are computed after downloads; one that runs nothing leaves each to the
     *                      first request for it
     */
    public Waveforms(RecordingStore store, AudioDecoder decoder, DownloadLock lock, RecordingReadiness readiness,
                     Executor afterDownload) {
        this.store = store;
        this.decoder = decoder;
        this.lock = lock;
        this.readiness = readiness;
        this.afterDownload = afterDownload;
    }

    /**
     * Computes the waveform of a recording just downloaded, once its worker has released the recording's lock, then
     * announces the recording again, which wakes held requests for its peaks.
     */
    public void prepareAfterDownload(CallSid callSid) {
        try {
            afterDownload.execute(() -> prepare(callSid));
        } catch (RejectedExecutionException e) {
            // too many waiting: the first request for it computes it
        }
    }

    private void prepare(CallSid callSid) {
        try {
            store.find(callSid).ifPresent(this::requested);
        } catch (RecordingStoreException e) {
            // the first request for it computes it
        }
        try {
            readiness.announce(callSid);
        } catch (SharedStateUnavailableException e) {
            // a held request for the waveform asks again when its time is up
        }
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
    public static byte[] json(Waveform waveform) {
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
