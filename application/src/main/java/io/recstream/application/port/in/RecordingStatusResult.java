package io.recstream.application.port.in;

public sealed interface RecordingStatusResult {

    record Known(RecordingStatusView view) implements RecordingStatusResult {
    }

    record Denied(AccessDenial reason) implements RecordingStatusResult {
    }

    record Unavailable(Unavailability reason) implements RecordingStatusResult {
    }
}
