package io.recstream.application.port.in;

/** A user plays a call's recording. Never waits on the recording provider. */
public interface StreamRecordingUseCase {

    Playback stream(StreamRecordingQuery query);
}
