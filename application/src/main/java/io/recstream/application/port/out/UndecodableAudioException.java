package io.recstream.application.port.out;

/** A recording whose bytes can't be decoded as audio of its format: it has no waveform. */
public class UndecodableAudioException extends RuntimeException {

    public UndecodableAudioException(String message, Throwable cause) {
        super(message, cause);
    }
}
