package io.recstream.domain;

import java.util.Objects;

/**
 * A recording still being downloaded, readable as it grows: its {@code content} answers every byte up to
 * {@code totalBytes}, waiting for the ones not written yet, and fails if the download stops before them. It has no
 * validators: it is not the stored recording yet.
 */
public record GrowingRecording(CallSid callSid, AudioFormat format, long totalBytes, RecordingContent content) {

    public GrowingRecording {
        Objects.requireNonNull(callSid, "callSid");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(content, "content");
        if (totalBytes <= 0) {
            throw new IllegalArgumentException("a growing recording has a known, positive length");
        }
    }
}
