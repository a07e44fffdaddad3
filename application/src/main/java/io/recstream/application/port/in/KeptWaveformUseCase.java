package io.recstream.application.port.in;

import io.recstream.domain.Waveform;
import java.util.Optional;

/**
 * What a fast path may serve at once: a recording's kept waveform, for a viewer who may play the recording. Empty in
 * every other case, and nothing is requested or computed: the full path ({@link StreamRecordingUseCase}) answers
 * those, with the same checks.
 */
public interface KeptWaveformUseCase {

    /** The recording's waveform, when the viewer may play the recording and both are kept now. */
    Optional<Waveform> keptWaveform(StreamRecordingQuery query);
}
