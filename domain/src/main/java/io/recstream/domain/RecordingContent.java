package io.recstream.domain;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.Optional;

/** The bytes of a stored recording, opened for positional reads (ranges) each time they are served. */
@FunctionalInterface
public interface RecordingContent {

    SeekableByteChannel open() throws IOException;

    /**
     * Opens the bytes to read those from {@code first} to {@code last} (inclusive), said beforehand so that a remote
     * store fetches only them; the channel may still be positioned elsewhere, at the cost of another fetch.
     */
    default SeekableByteChannel open(long first, long last) throws IOException {
        return open();
    }

    /** The file holding the bytes, when there is one: a server can then hand it to the kernel (sendfile). */
    default Optional<Path> file() {
        return Optional.empty();
    }
}
