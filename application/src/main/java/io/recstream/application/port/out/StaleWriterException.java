package io.recstream.application.port.out;

/** A writer that was no longer entitled to publish (it lost its lock) tried to store a recording: nothing was stored. */
public class StaleWriterException extends RuntimeException {

    public StaleWriterException(String message) {
        super(message);
    }
}
