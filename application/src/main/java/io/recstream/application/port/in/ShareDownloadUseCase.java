package io.recstream.application.port.in;

import io.recstream.domain.CallSid;
import io.recstream.domain.GrowingRecording;
import java.util.Optional;

/** An instance shares the download it holds with its peers, which have no volume in common with it. */
public interface ShareDownloadUseCase {

    /**
     * The call's recording as far as it is downloaded, read as it grows, when a download of it is under way and this
     * instance can read it; otherwise empty (never a failure of what it depends on: those are empty too).
     */
    Optional<GrowingRecording> downloadInProgress(CallSid callSid);
}
