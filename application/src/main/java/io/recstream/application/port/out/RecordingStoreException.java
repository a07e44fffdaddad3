package io.recstream.application.port.out;

/** The store could not read or write (disk full, permissions, I/O error). */
public class RecordingStoreException extends RuntimeException {

    public RecordingStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
