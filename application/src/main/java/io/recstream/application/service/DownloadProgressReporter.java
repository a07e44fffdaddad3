package io.recstream.application.service;

import io.recstream.application.port.out.DownloadStatusRepository;
import io.recstream.application.port.out.MediaSink;
import io.recstream.application.port.out.RecordingReadiness;
import io.recstream.application.port.out.SharedStateUnavailableException;
import io.recstream.domain.CallSid;
import io.recstream.domain.DownloadProgress;
import io.recstream.domain.DownloadStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the provider writes into the store's sink, counted, and how far the download has come said in the job's
 * status, where every instance's plays and the status endpoint read it: at the first bytes, then at most every
 * {@link #INTERVAL}. Every write is flushed to the store at once, so what it says can be read. The first time audio can start
 * (bytes, a known length and a partial to read them from), the recording is announced, so that held plays answer
 * at once instead of at the end of the download.
 */
final class DownloadProgressReporter extends MediaSink {

    static final Duration INTERVAL = Duration.ofMillis(250);

    private final MediaSink sink;
    private final CallSid callSid;
    private final DownloadStatusRepository statuses;
    private final RecordingReadiness readiness;
    private final Clock clock;
    private long received;
    private Long total;
    private Instant reportedAt;
    private boolean announced;

    DownloadProgressReporter(MediaSink sink, CallSid callSid, DownloadStatusRepository statuses,
                             RecordingReadiness readiness, Clock clock) {
        this.sink = sink;
        this.callSid = callSid;
        this.statuses = statuses;
        this.readiness = readiness;
        this.clock = clock;
    }

    @Override
    public void expectLength(long totalBytes) {
        total = totalBytes;
        sink.expectLength(totalBytes);
    }

    @Override
    public Optional<String> partial() {
        return sink.partial();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /** Flushed at once, so that a play following the download reads each byte as soon as it arrived. */
    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        sink.write(bytes, offset, length);
        sink.flush();
        received += length;
        Instant now = clock.instant();
        if (reportedAt == null || !now.isBefore(reportedAt.plus(INTERVAL))) {
            report(now);
        }
    }

    @Override
    public void flush() throws IOException {
        sink.flush();
    }

    private void report(Instant now) {
        reportedAt = now;
        DownloadProgress progress = new DownloadProgress(received, total, sink.partial().orElse(null));
        try {
            statuses.save(DownloadStatus.downloading(callSid, progress, now));
            if (!announced && progress.canBeFollowed()) {
                readiness.announce(callSid);
                announced = true;
            }
        } catch (SharedStateUnavailableException e) {
            // Progress is a view of the download, not part of it: the download goes on, and says it next time.
        }
    }
}
