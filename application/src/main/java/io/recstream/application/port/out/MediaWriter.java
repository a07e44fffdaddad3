package io.recstream.application.port.out;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a recording's bytes into the store's sink, streaming: a recording can be far larger than memory. */
@FunctionalInterface
public interface MediaWriter {

    void writeTo(OutputStream sink) throws IOException;
}
