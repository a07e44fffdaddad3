package io.recstream.application.port.in;

import io.recstream.domain.Waveform;

/** The answer to a request for a recording's waveform: the document, or what a play would answer instead. */
public sealed interface PeaksAnswer {

    /** The waveform, kept: the adapter answering the request writes it in its own format. */
    record Document(Waveform waveform) implements PeaksAnswer {
    }

    /** The recording plays, but its audio can't be drawn (undecodable, or without a sample). */
    record Undrawable() implements PeaksAnswer {
    }

    /** No waveform now: the play's answer (never {@link Playback.Ready}), e.g. preparing, denied or expired. */
    record AsPlay(Playback playback) implements PeaksAnswer {
    }
}
