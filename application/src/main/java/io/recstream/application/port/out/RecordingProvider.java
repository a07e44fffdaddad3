package io.recstream.application.port.out;

import io.recstream.domain.CallSid;
import io.recstream.domain.RecordingSid;
import java.util.Optional;

/** The service that holds the original recordings (Twilio). Slow and fallible: only workers call it. */
public interface RecordingProvider {

    RecordingMetadata fetchMetadata(RecordingSid recordingSid) throws ProviderException;

    /** The call's most recent recording, if it has any. */
    Optional<RecordingMetadata> findRecordingOfCall(CallSid callSid) throws ProviderException;

    /**
     * Streams the recording's MP3 media into {@code sink}, never holding it whole in memory, and tells the sink the
     * media's length as soon as it is known.
     */
    void downloadMedia(RecordingSid recordingSid, MediaSink sink) throws ProviderException;
}
