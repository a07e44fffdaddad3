package io.recstream.domain;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;

/** The bytes of a stored recording, opened for positional reads (ranges) each time they are served. */
@FunctionalInterface
public interface RecordingContent {

    SeekableByteChannel open() throws IOException;
}
