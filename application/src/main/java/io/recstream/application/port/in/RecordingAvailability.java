package io.recstream.application.port.in;

/** A recording's availability as users see it. */
public enum RecordingAvailability {
    READY, PROCESSING, FAILED, NOT_CACHED, EXPIRED
}
