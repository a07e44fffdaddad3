package io.recstream.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class DownloadStatusTest {

    private static final CallSid SID = new CallSid("CA" + "c".repeat(32));
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private static final Duration COOL_DOWN = Duration.ofSeconds(30);

    @Test
    void inFlightAndPermanentFailures_admitNoNewRequest() {
        Instant muchLater = NOW.plus(Duration.ofDays(1));
        assertThat(DownloadStatus.requested(SID, NOW).admitsNewRequest(muchLater, COOL_DOWN)).isFalse();
        assertThat(DownloadStatus.downloading(SID, NOW).admitsNewRequest(muchLater, COOL_DOWN)).isFalse();
        assertThat(DownloadStatus.failed(SID, FailureCause.RECORDING_NOT_FOUND, NOW).admitsNewRequest(muchLater, COOL_DOWN))
                .isFalse();
    }

    @Test
    void transientFailure_admitsANewRequest_onlyAfterItsCoolDown() {
        DownloadStatus failed = DownloadStatus.failed(SID, FailureCause.PROVIDER_ERROR, NOW);
        assertThat(failed.admitsNewRequest(NOW.plus(COOL_DOWN).minusMillis(1), COOL_DOWN)).isFalse();
        assertThat(failed.admitsNewRequest(NOW.plus(COOL_DOWN), COOL_DOWN)).isTrue();
    }

    @Test
    void coolingDown_tellsWhenATransientFailuresCoolDownEnds_andOnlyThen() {
        DownloadStatus failed = DownloadStatus.failed(SID, FailureCause.PROVIDER_ERROR, NOW);
        assertThat(failed.coolingDownUntil(NOW.plusSeconds(1), COOL_DOWN)).contains(NOW.plus(COOL_DOWN));
        assertThat(failed.coolingDownUntil(NOW.plus(COOL_DOWN), COOL_DOWN)).isEmpty();
        assertThat(DownloadStatus.failed(SID, FailureCause.RECORDING_NOT_FOUND, NOW).coolingDownUntil(NOW, COOL_DOWN))
                .as("a permanent failure does not cool down").isEmpty();
        assertThat(DownloadStatus.requested(SID, NOW).coolingDownUntil(NOW, COOL_DOWN)).isEmpty();
    }

    @Test
    void aReportedRecording_supersedesNoRecordingAndUnavailableFailures_butNotExpiry() {
        assertThat(DownloadStatus.failed(SID, FailureCause.CALL_HAS_NO_RECORDING, NOW).isSupersededByNewFacts()).isTrue();
        assertThat(DownloadStatus.failed(SID, FailureCause.RECORDING_NOT_FOUND, NOW).isSupersededByNewFacts()).isTrue();
        assertThat(DownloadStatus.failed(SID, FailureCause.PROVIDER_ERROR, NOW).isSupersededByNewFacts()).isTrue();
        assertThat(DownloadStatus.failed(SID, FailureCause.RECORDING_EXPIRED, NOW).isSupersededByNewFacts()).isFalse();
        assertThat(DownloadStatus.ready(SID, 1, NOW).isSupersededByNewFacts()).isFalse();
    }

    @Test
    void staleReady_admitsANewRequest() {
        assertThat(DownloadStatus.ready(SID, 10, NOW).admitsNewRequest(NOW, COOL_DOWN)).isTrue();
    }

    @Test
    void failureCause_goesOnlyWithFailedState() {
        assertThatThrownBy(() -> new DownloadStatus(SID, DownloadState.READY, 1L, FailureCause.PROVIDER_ERROR, null, NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DownloadStatus(SID, DownloadState.FAILED, null, null, null, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRecordingsVersion_isItsSizeAndItsTimeToTheMillisecond() {
        RecordingContent none = () -> {
            throw new UnsupportedOperationException();
        };
        StoredRecording a = new StoredRecording(SID, AudioFormat.MP3, 100, NOW, none);
        StoredRecording b = new StoredRecording(SID, AudioFormat.MP3, 101, NOW, none);
        StoredRecording c = new StoredRecording(SID, AudioFormat.MP3, 100, NOW.plusMillis(1), none);
        StoredRecording aAgain = new StoredRecording(SID, AudioFormat.MP3, 100, NOW.plusNanos(999), none);
        assertThat(a.sameVersionAs(aAgain)).isTrue();
        assertThat(a.sameVersionAs(b)).isFalse();
        assertThat(a.sameVersionAs(c)).isFalse();
    }
}
