package io.recstream.application.port.out;

/** The state shared by all instances (call registry, job status, locks) can't be reached right now. */
public class SharedStateUnavailableException extends RuntimeException {

    public SharedStateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
