package io.recstream.application.port.in;

/** The answer to a request for a recording's waveform: the document, or what a play would answer instead. */
public sealed interface PeaksAnswer {

    /** The waveform document (BBC audiowaveform's JSON layout), ready to send. */
    record Document(byte[] json) implements PeaksAnswer {
    }

    /** The recording plays, but its audio can't be drawn (undecodable, or without a sample). */
    record Undrawable() implements PeaksAnswer {
    }

    /** No waveform now: the play's answer (never {@link Playback.Ready}), e.g. preparing, denied or expired. */
    record AsPlay(Playback playback) implements PeaksAnswer {
    }
}
