package io.recstream.application.service;

import io.recstream.application.port.out.AudioDecoder;
import io.recstream.application.port.out.DownloadLock;
import io.recstream.application.port.out.LockLease;
import io.recstream.application.port.out.RecordingReadiness;
import io.recstream.application.port.out.RecordingStore;
import io.recstream.application.port.out.RecordingStoreException;
import io.recstream.application.port.out.SharedStateUnavailableException;
import io.recstream.application.port.out.UndrawableRecordings;
import io.recstream.application.port.out.UndecodableAudioException;
import io.recstream.domain.CallSid;
import io.recstream.domain.PcmSink;
import io.recstream.domain.StoredRecording;
import io.recstream.domain.Waveform;
import io.recstream.domain.WaveformBuilder;
import java.time.Duration;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A recording's waveform document: computed once from its audio, kept beside it in the store, and read from there
 * afterwards. It is never computed on a request's thread: decoding takes about 0.1 s of CPU per minute of audio, and a
 * request thread is not where a crowd's plain GETs may spend that. Computations run on a bounded executor of their
 * own, under the recording's lock: after a download (unless {@code recstream.waveform-on-download} is false), once its
 * worker has announced the recording and released the lock; or when a request finds no document kept, which then
 * answers "being computed" (held with {@code Prefer: wait} until the recording is announced again). Simultaneous
 * requests share one computation. A recording whose audio can't be decoded (or has no sample) is remembered as such
 * on this instance and not decoded again.
 */
public class Waveforms {

    /** What a request for the waveform of a stored recording finds. */
    public sealed interface Requested {
        /** The document, kept. */
        record Document(Waveform waveform) implements Requested {
        }

        /** Being computed now: ask again once the recording is announced. */
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
    private final UndrawableRecordings undrawable;
    private final Executor computations;
    private final boolean afterDownload;
    private final Duration longest;
    /** Recordings whose computation is queued or running here: a second request joins it. */
    private final Map<CallSid, Pending> pending = new ConcurrentHashMap<>();

    /**
     * A computation queued or running, and whether it was asked for again meanwhile: one that found the recording
     * locked runs again if so, since the worker lets go of the lock and then asks. Read and written only inside the
     * map's atomic updates.
     */
    private static final class Pending {
        private boolean askedAgain;
    }

    /**
     * @param computations  where waveforms are computed: bounded, so that a burst is refused rather than queued without
     *                      end (a refused one is queued again by the next request for it)
     * @param afterDownload whether a recording just downloaded has its waveform computed at once, or on its first
     *                      request
     * @param longest       the longest audio decoded: a longer recording is undrawable (its decoding stops there)
     */
    public Waveforms(RecordingStore store, AudioDecoder decoder, DownloadLock lock, RecordingReadiness readiness,
                     UndrawableRecordings undrawable, Executor computations, boolean afterDownload, Duration longest) {
        this.store = store;
        this.decoder = decoder;
        this.lock = lock;
        this.readiness = readiness;
        this.undrawable = undrawable;
        this.computations = computations;
        this.afterDownload = afterDownload;
        this.longest = longest;
    }

    /**
     * A recording just downloaded, its worker's lock released: its waveform is queued, unless left to requests and
     * none of them has asked for it here (one that did found it locked by this worker).
     */
    public void prepareAfterDownload(CallSid callSid) {
        if (afterDownload || pending.containsKey(callSid)) {
            queue(callSid);
        }
    }

    /**
     * For a request: the kept document; "undrawable" if this instance found the audio undecodable; otherwise its
     * computation is queued (or joined) and the answer is "being computed".
     *
     * @throws io.recstream.application.port.out.RecordingStoreException when the store can't be read
     */
    public Requested requested(StoredRecording recording) {
        if (undrawable.contains(recording.callSid())) {
            return new Requested.Undrawable();
        }
        Optional<Waveform> kept = kept(recording);
        if (kept.isPresent()) {
            return new Requested.Document(kept.get());
        }
        queue(recording.callSid());
        return new Requested.BeingComputed();
    }

    /**
     * The document kept beside the recording, if any; nothing is computed.
     *
     * @throws io.recstream.application.port.out.RecordingStoreException when the store can't be read
     */
    public Optional<Waveform> kept(StoredRecording recording) {
        return store.findWaveform(recording.callSid());
    }

    private void queue(CallSid callSid) {
        Pending mine = new Pending();
        Pending current = pending.compute(callSid, (sid, running) -> {
            if (running == null) {
                return mine;
            }
            running.askedAgain = true;
            return running;
        });
        if (current != mine) {
            return;
        }
        try {
            computations.execute(() -> {
                try {
                    while (!prepare(callSid) && askedAgain(callSid, mine)) {
                        // the recording was locked, and asked for since: its holder may have let go
                    }
                } finally {
                    pending.remove(callSid, mine);
                }
            });
        } catch (RejectedExecutionException e) {
            pending.remove(callSid, mine); // too many waiting: the next request for it queues it again
        }
    }

    /** Whether the computation was asked for again since it started or last asked; if not, it is over. */
    private boolean askedAgain(CallSid callSid, Pending mine) {
        boolean[] again = {false};
        pending.computeIfPresent(callSid, (sid, running) -> {
            if (running != mine) {
                return running;
            }
            again[0] = running.askedAgain;
            running.askedAgain = false;
            return again[0] ? running : null;
        });
        return again[0];
    }

    /**
     * Computes the waveform under the recording's lock, and announces the recording once it is kept (or found
     * undrawable), which wakes held requests. A lock held elsewhere is a worker on the recording: it announces it, or
     * asks for the computation once it lets go. Whether it was settled here.
     */
    private boolean prepare(CallSid callSid) {
        try {
            Optional<StoredRecording> recording = store.find(callSid);
            if (recording.isEmpty() || !computedUnderLock(recording.get())) {
                return false;
            }
        } catch (RecordingStoreException e) {
            return false; // the next request for it queues it again
        }
        try {
            readiness.announce(callSid);
        } catch (SharedStateUnavailableException e) {
            // a held request for the waveform asks again when its time is up
        }
        return true;
    }

    /** Whether this computation settled it (kept, or undrawable); the lock only saves work. */
    private boolean computedUnderLock(StoredRecording recording) {
        if (kept(recording).isPresent()) {
            return true;
        }
        Optional<LockLease> lease;
        try {
            lease = lock.tryAcquire(recording.callSid());
        } catch (SharedStateUnavailableException e) {
            compute(recording);
            return true;
        }
        if (lease.isEmpty()) {
            return false;
        }
        try (LockLease held = lease.get()) {
            compute(recording);
            return true;
        }
    }

    private void compute(StoredRecording recording) {
        WaveformBuilder builder = new WaveformBuilder();
        try {
            decoder.decode(recording, new NoLongerThan(builder, longest));
        } catch (UndecodableAudioException e) {
            undrawable.remember(recording.callSid());
            return;
        }
        Waveform waveform = builder.build();
        if (waveform.pixels() == 0) {
            undrawable.remember(recording.callSid()); // audio without a sample: nothing to draw
            return;
        }
        store.saveWaveform(recording.callSid(), waveform);
    }

    /** Stops a decoding once it passes the longest audio decoded: the executor is not held by one endless file. */
    private static final class NoLongerThan implements PcmSink {
        private final PcmSink sink;
        private final Duration longest;
        private int channels = 1;
        private long framesLeft = Long.MAX_VALUE;

        NoLongerThan(PcmSink sink, Duration longest) {
            this.sink = sink;
            this.longest = longest;
        }

        @Override
        public void layout(int channels, int sampleRate) {
            this.channels = Math.max(1, channels);
            this.framesLeft = longest.toMillis() * sampleRate / 1000;
            sink.layout(channels, sampleRate);
        }

        @Override
        public void samples(short[] interleaved, int count) {
            framesLeft -= count / channels;
            if (framesLeft < 0) {
                throw new UndecodableAudioException("longer than " + longest + ": no waveform is computed", null);
            }
            sink.samples(interleaved, count);
        }
    }
}
