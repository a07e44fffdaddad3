package io.recstream.application.port.out;

/** The queue could not take the command in time. */
public class DownloadQueueUnavailableException extends RuntimeException {

    public DownloadQueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
