package io.recstream.application.testing;

import io.recstream.domain.ReadOnlyChannel;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/** Reads the bytes there are at each read: those of a stored recording, or a partial one's so far. */
public final class ByteArrayChannel extends ReadOnlyChannel {

    private final Supplier<byte[]> source;

    public ByteArrayChannel(Supplier<byte[]> source) {
        super(0);
        this.source = source;
    }

    @Override
    protected int readAt(long at, ByteBuffer dst) {
        byte[] bytes = source.get();
        if (at >= bytes.length) {
            return -1;
        }
        int count = (int) Math.min(dst.remaining(), bytes.length - at);
        dst.put(bytes, (int) at, count);
        return count;
    }

    @Override
    public long size() {
        return source.get().length;
    }
}
