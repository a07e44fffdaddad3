package io.recstream.domain;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * What every reader of a recording's bytes shares: a position it keeps and moves on by what it read, no writes, and
 * what it holds released once, when it is closed. A reader says only how it reads at a position.
 */
public abstract class ReadOnlyChannel implements SeekableByteChannel {

    private long position;
    private boolean open = true;

    protected ReadOnlyChannel(long position) {
        this.position = position;
    }

    @Override
    public final int read(ByteBuffer destination) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        int read = readAt(position, destination);
        if (read > 0) {
            position += read;
        }
        return read;
    }

    /** Reads into {@code destination} from byte {@code at}: how many bytes it read, or -1 at the end. */
    protected abstract int readAt(long at, ByteBuffer destination) throws IOException;

    /** Releases what the reader holds (a stream, a file); called once, on the first close. */
    protected void release() throws IOException {
    }

    @Override
    public final long position() {
        return position;
    }

    @Override
    public final SeekableByteChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position");
        }
        position = newPosition;
        return this;
    }

    @Override
    public final int write(ByteBuffer source) {
        throw new NonWritableChannelException();
    }

    @Override
    public final SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public final boolean isOpen() {
        return open;
    }

    @Override
    public final void close() throws IOException {
        if (open) {
            open = false;
            release();
        }
    }
}
