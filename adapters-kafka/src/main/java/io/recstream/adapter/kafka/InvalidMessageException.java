package io.recstream.adapter.kafka;

/** A record that can never be processed as it is (not JSON, missing fields, bad SIDs): it goes to the DLT at once. */
class InvalidMessageException extends RuntimeException {

    InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
