package io.recstream.application.port.out;

import io.recstream.domain.PcmSink;
import io.recstream.domain.StoredRecording;

/** Turns a stored recording's encoded audio (MP3, WAV) into samples, streaming: a call can last hours. */
public interface AudioDecoder {

    /**
     * Feeds the recording's layout, then all its samples, to {@code sink}.
     *
     * @throws UndecodableAudioException when the bytes are not audio of the recording's format, or hold no sample
     * @throws RecordingStoreException   when the recording can't be read
     */
    void decode(StoredRecording recording, PcmSink sink);
}
