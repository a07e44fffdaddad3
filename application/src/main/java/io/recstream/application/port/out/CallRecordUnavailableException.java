package io.recstream.application.port.out;

/** The call record could not take a fact in time (the broker is unreachable, or the cluster did not acknowledge). */
public class CallRecordUnavailableException extends RuntimeException {

    public CallRecordUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
