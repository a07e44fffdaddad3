package io.recstream.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DownloadStatusTest {

    private static final CallSid SID = new CallSid("CA" + "c".repeat(32));
    private static final Instant NOW = Instant.parse("2026-11-24T00:00:00Z");

    @Test
    void inFlightAndPermanentFailures_admitNoNewRequest() {
        assertThat(DownloadStatus.requested(SID, NOW).admitsNewRequest()).isFalse();
        assertThat(DownloadStatus.downloading(SID, NOW).admitsNewRequest()).isFalse();
        assertThat(DownloadStatus.failed(SID, FailureCause.RECORDING_NOT_FOUND, NOW).admitsNewRequest()).isFalse();
    }

    @Test
    void transientFailureAndStaleReady_admitNewRequest() {
        assertThat(DownloadStatus.failed(SID, FailureCause.PROVIDER_ERROR, NOW).admitsNewRequest()).isTrue();
        assertThat(DownloadStatus.ready(SID, 10, NOW).admitsNewRequest()).isTrue();
    }

    @Test
    void failureCause_goesOnlyWithFailedState() {
        assertThatThrownBy(() -> new DownloadStatus(SID, DownloadState.READY, 1L, FailureCause.PROVIDER_ERROR, NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DownloadStatus(SID, DownloadState.FAILED, null, null, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entityTag_changesWithSizeOrTime() {
        RecordingContent none = () -> {
            throw new UnsupportedOperationException();
        };
        StoredRecording a = new StoredRecording(SID, AudioFormat.MP3, 100, NOW, none);
        StoredRecording b = new StoredRecording(SID, AudioFormat.MP3, 101, NOW, none);
        StoredRecording c = new StoredRecording(SID, AudioFormat.MP3, 100, NOW.plusMillis(1), none);
        assertThat(a.entityTag()).startsWith("\"").endsWith("\"").isNotEqualTo(b.entityTag()).isNotEqualTo(c.entityTag());
    }
}
