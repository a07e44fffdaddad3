package io.recstream.application.port.in;

/** A user asks how far a recording is from playable, without triggering anything. */
public interface RecordingStatusUseCase {

    RecordingStatusResult statusOf(RecordingStatusQuery query);
}
