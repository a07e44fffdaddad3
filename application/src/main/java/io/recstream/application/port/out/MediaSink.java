package io.recstream.application.port.out;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Where a recording's bytes are written while it is stored: an output stream that the provider also tells the
 * recording's length, once it knows it, and that says where readers can follow the bytes written so far.
 */
public abstract class MediaSink extends OutputStream {

    /** The provider announces the recording's whole length (its {@code Content-Length}); nothing when it can't. */
    public void expectLength(long totalBytes) {
    }

    /**
     * The store's name for the bytes written so far, which {@link RecordingStore#findPartial} opens while they are
     * written; empty when the store can't offer them.
     */
    public Optional<String> partial() {
        return Optional.empty();
    }

    /** A sink that only writes into {@code out}: no length is kept, no partial offered. */
    public static MediaSink of(OutputStream out) {
        return new MediaSink() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }
        };
    }
}
