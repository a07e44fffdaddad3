package io.recstream.application.service;

import io.recstream.domain.ReadOnlyChannel;
import io.recstream.domain.RecordingContent;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A recording being downloaded, read as it grows: every byte up to its announced length is answered, those not
 * written yet as soon as they are (the partial file is looked at again every {@link #POLL}). A read that is ahead of
 * the download asks at most every {@link #CHECK} whether the download goes on, and fails if it stopped (failed, or
 * its worker gone) or if no byte came for {@link #GIVE_UP}: a reader is never handed a short recording as whole.
 */
final class FollowedDownload implements RecordingContent {

    static final Duration POLL = Duration.ofMillis(50);
    static final Duration CHECK = Duration.ofSeconds(1);
    static final Duration GIVE_UP = Duration.ofSeconds(30);

    private final RecordingContent partial;
    private final long totalBytes;
    private final BooleanSupplier downloadGoesOn;

    /** @param downloadGoesOn whether a download is still writing the partial */
    FollowedDownload(RecordingContent partial, long totalBytes, BooleanSupplier downloadGoesOn) {
        this.partial = partial;
        this.totalBytes = totalBytes;
        this.downloadGoesOn = downloadGoesOn;
    }

    @Override
    public SeekableByteChannel open() throws IOException {
        return new Following(partial.open());
    }

    private final class Following extends ReadOnlyChannel {
        private final SeekableByteChannel written;

        Following(SeekableByteChannel written) {
            super(0);
            this.written = written;
        }

        @Override
        protected int readAt(long at, ByteBuffer destination) throws IOException {
            if (at >= totalBytes) {
                return -1;
            }
            int wanted = (int) Math.min(destination.remaining(), totalBytes - at);
            ByteBuffer window = destination.slice(destination.position(), wanted);
            long starvedSince = System.nanoTime();
            long checkedAt = starvedSince;
            while (true) {
                // Asked before reading: a download that ended wrote its last bytes before it said so.
                long now = System.nanoTime();
                boolean goesOn = true;
                if (now - checkedAt >= CHECK.toNanos()) {
                    checkedAt = now;
                    goesOn = downloadGoesOn.getAsBoolean();
                }
                written.position(at);
                int read = written.read(window);
                if (read > 0) {
                    destination.position(destination.position() + read);
                    return read;
                }
                if (!goesOn) {
                    throw new IOException("the download stopped at byte " + at + " of " + totalBytes);
                }
                if (now - starvedSince >= GIVE_UP.toNanos()) {
                    throw new IOException("no byte of the download came for " + GIVE_UP.toSeconds() + " s, at byte "
                            + at + " of " + totalBytes);
                }
                pause();
            }
        }

        private static void pause() throws InterruptedIOException {
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while following a download");
            }
        }

        @Override
        public long size() {
            return totalBytes;
        }

        @Override
        protected void release() throws IOException {
            written.close();
        }
    }
}
