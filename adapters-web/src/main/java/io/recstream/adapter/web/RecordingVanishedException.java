package io.recstream.adapter.web;

/** The recording left the store (evicted, expired) between the decision to serve it and opening it. */
class RecordingVanishedException extends RuntimeException {

    RecordingVanishedException(Throwable cause) {
        super("the recording left the store before it could be opened", cause, false, false);
    }
}
