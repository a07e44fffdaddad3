package io.recstream.adapter.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The recordings being played, each opened once and read by every play of it at once: a player asks for a recording
 * range after range, and opening and closing the file for each was a tenth of a cached range's CPU (measured:
 * bench/findings.md). Reads are positional, so the plays of one file share nothing but its descriptor. A file is
 * closed once no play has read it for {@code idleFor} (or more than {@code capacity} are open), and at once when it
 * is forgotten (deleted here), as soon as the plays reading it are done: a descriptor kept open holds a deleted
 * file's space, so none is kept long.
 */
final class OpenFiles {

    /** None when no file is kept open: each play opens its own. */
    private final Cache<Path, SharedFile> open;

    /** @param idleFor zero for none kept open */
    OpenFiles(int capacity, Duration idleFor) {
        // The system scheduler closes an idle file on time, even if no play comes to tidy up; a file forgotten is
        // let go of at once, on the forgetting thread, not later on a pool's.
        this.open = idleFor.isZero() ? null : Caffeine.newBuilder().maximumSize(capacity).expireAfterAccess(idleFor)
                .scheduler(Scheduler.systemScheduler()).executor(Runnable::run)
                .<Path, SharedFile>removalListener((path, file, cause) -> file.release())
                .build();
    }

    /**
     * A read-only channel of {@code path}'s bytes, its position its own; closing it lets the file close when the
     * others are done and it is no longer kept.
     *
     * @throws java.nio.file.NoSuchFileException when there is no such file
     */
    FileChannel open(Path path) throws IOException {
        if (open == null) {
            return FileChannel.open(path, StandardOpenOption.READ);
        }
        while (true) {
            SharedFile file;
            try {
                file = open.get(path, OpenFiles::openShared);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            if (file.lease()) {
                return new Lease(file);
            }
            // Closed between the lookup and the lease (evicted, forgotten): it is out of the cache, open it anew.
            open.asMap().remove(path, file);
        }
    }

    /** Closes {@code path} once the plays reading it are done, and opens it afresh for the next. */
    void forget(Path path) {
        if (open != null) {
            open.invalidate(path);
        }
    }

    private static SharedFile openShared(Path path) {
        try {
            return new SharedFile(FileChannel.open(path, StandardOpenOption.READ));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One open file and how many hold it: the cache (while it keeps the file) and each lease not yet closed. */
    private static final class SharedFile {
        private final FileChannel channel;
        private final AtomicInteger holders = new AtomicInteger(1);

        SharedFile(FileChannel channel) {
            this.channel = channel;
        }

        /** False once the file has closed: nobody held it any more. */
        boolean lease() {
            while (true) {
                int now = holders.get();
                if (now == 0) {
                    return false;
                }
                if (holders.compareAndSet(now, now + 1)) {
                    return true;
                }
            }
        }

        void release() {
            if (holders.decrementAndGet() == 0) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // a read-only descriptor: nothing was left to write
                }
            }
        }
    }

    /** One play's view of a shared file: positional reads of it, a position of its own, and no writes. */
    private static final class Lease extends FileChannel {
        private final SharedFile file;
        private long position;

        Lease(SharedFile file) {
            this.file = file;
        }

        @Override
        public int read(ByteBuffer destination, long at) throws IOException {
            ensureOpen();
            return file.channel.read(destination, at);
        }

        @Override
        public int read(ByteBuffer destination) throws IOException {
            ensureOpen();
            int read = file.channel.read(destination, position);
            if (read > 0) {
                position += read;
            }
            return read;
        }

        @Override
        public long read(ByteBuffer[] destinations, int offset, int length) throws IOException {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                int read = read(destinations[i]);
                if (read < 0) {
                    return total == 0 ? -1 : total;
                }
                total += read;
                if (destinations[i].hasRemaining()) {
                    break;
                }
            }
            return total;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public FileChannel position(long newPosition) {
            if (newPosition < 0) {
                throw new IllegalArgumentException("a negative position: " + newPosition);
            }
            position = newPosition;
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.channel.size();
        }

        @Override
        public long transferTo(long at, long count, WritableByteChannel target) throws IOException {
            return file.channel.transferTo(at, count, target);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long at, long size) throws IOException {
            if (mode != MapMode.READ_ONLY) {
                throw new NonWritableChannelException();
            }
            return file.channel.map(mode, at, size);
        }

        @Override
        public int write(ByteBuffer source) {
            throw new NonWritableChannelException();
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) {
            throw new NonWritableChannelException();
        }

        @Override
        public int write(ByteBuffer source, long at) {
            throw new NonWritableChannelException();
        }

        @Override
        public FileChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public void force(boolean metaData) {
            // nothing is ever written through a lease
        }

        @Override
        public long transferFrom(ReadableByteChannel source, long at, long count) {
            throw new NonWritableChannelException();
        }

        @Override
        public FileLock lock(long at, long size, boolean shared) {
            throw new UnsupportedOperationException("a shared recording is never locked");
        }

        @Override
        public FileLock tryLock(long at, long size, boolean shared) {
            throw new UnsupportedOperationException("a shared recording is never locked");
        }

        /** The shared file may still be open for others: this lease's own state decides. */
        private void ensureOpen() throws ClosedChannelException {
            if (!isOpen()) {
                throw new ClosedChannelException();
            }
        }

        @Override
        protected void implCloseChannel() {
            file.release();
        }
    }
}
