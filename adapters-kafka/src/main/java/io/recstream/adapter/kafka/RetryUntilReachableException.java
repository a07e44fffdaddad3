package io.recstream.adapter.kafka;

/**
 * A record could not be processed now because the shared state (the call directory, job statuses) is unreachable:
 * the listener's error handler tries it again with backoff for as long as that lasts, committing nothing past it.
 */
class RetryUntilReachableException extends RuntimeException {

    RetryUntilReachableException(String message) {
        super(message, null, false, false);
    }
}
