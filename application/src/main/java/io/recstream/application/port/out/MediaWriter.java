package io.recstream.application.port.out;

import java.io.IOException;

/** Writes a recording's bytes into the store's sink, streaming: a recording can be far larger than memory. */
@FunctionalInterface
public interface MediaWriter {

    void writeTo(MediaSink sink) throws IOException;
}
