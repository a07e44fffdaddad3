package io.recstream.adapter.kafka;

/** Thrown by the worker so that spring-kafka moves the command to its next retry topic. */
class DownloadRetryException extends RuntimeException {

    DownloadRetryException(String message) {
        super(message, null, false, false);
    }
}
