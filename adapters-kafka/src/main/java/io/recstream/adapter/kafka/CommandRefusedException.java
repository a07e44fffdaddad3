package io.recstream.adapter.kafka;

/** A download command whose business does not own its call: it goes to the DLT at once, with this as the reason. */
class CommandRefusedException extends RuntimeException {

    CommandRefusedException(String message) {
        super(message, null, false, false);
    }
}
