package io.recstream.application.service;

import static io.recstream.application.service.Fixture.NOW;
import static io.recstream.application.service.Fixture.viewerOf;
import static io.recstream.application.testing.CallBuilder.aCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.application.port.in.Playback;
import io.recstream.application.port.in.RecordingAvailability;
import io.recstream.application.port.in.RecordingStatusQuery;
import io.recstream.application.port.in.RecordingStatusResult;
import io.recstream.application.port.in.StreamRecordingQuery;
import io.recstream.application.port.out.ProviderException;
import io.recstream.domain.Call;
import io.recstream.domain.DownloadProgress;
import io.recstream.domain.DownloadReason;
import io.recstream.domain.DownloadRequest;
import io.recstream.domain.DownloadState;
import io.recstream.domain.DownloadStatus;
import io.recstream.domain.FailureCause;
import io.recstream.domain.GrowingRecording;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A play while the recording downloads: the worker says how far it came, and a play is answered from the bytes so
 * far, then the rest as they arrive; a download that stops fails its readers instead of ending them short.
 */
class PlayWhileDownloadingTest {

    private static final byte[] MEDIA = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19};

    private final Fixture fx = new Fixture();
    private final Call call = fx.known(aCall().build(), MEDIA);

    private Playback play() {
        return fx.stream.stream(new StreamRecordingQuery(viewerOf(call), call.business(), call.sid(), Duration.ZERO));
    }

    private void download() {
        fx.worker.process(new DownloadRequest(call.sid(), call.business(), null, NOW, DownloadReason.PLAYBACK));
    }

    /** The recording of a play that is answered from a download in progress. */
    private GrowingRecording growing(Playback playback) {
        assertThat(playback).isInstanceOf(Playback.Streaming.class);
        return ((Playback.Streaming) playback).recording();
    }

    private static byte[] read(GrowingRecording recording, int bytes) {
        try (SeekableByteChannel channel = recording.content().open()) {
            ByteBuffer buffer = ByteBuffer.allocate(bytes);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // reads block until the download wrote the bytes
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void midDownload_theStatusSaysHowFarItCame_andAPlayIsAnsweredFromTheBytesSoFar() {
        assertThat(play()).isInstanceOf(Playback.Preparing.class);
        AtomicReference<DownloadStatus> statusMidway = new AtomicReference<>();
        AtomicReference<RecordingStatusResult> viewMidway = new AtomicReference<>();
        AtomicReference<byte[]> playedMidway = new AtomicReference<>();
        AtomicReference<Integer> announcedMidway = new AtomicReference<>();
        fx.provider.whileDownloading(() -> {
            statusMidway.set(fx.statuses.find(call.sid()).orElseThrow());
            viewMidway.set(fx.status.statusOf(new RecordingStatusQuery(viewerOf(call), call.business(), call.sid())));
            announcedMidway.set(fx.readiness.announced().size());
            GrowingRecording recording = growing(play());
            assertThat(recording.totalBytes()).isEqualTo(MEDIA.length);
            playedMidway.set(read(recording, 5));
        });

        download();

        DownloadStatus midway = statusMidway.get();
        assertThat(midway.state()).isEqualTo(DownloadState.DOWNLOADING);
        assertThat(midway.knownProgress()).hasValueSatisfying(progress -> {
            assertThat(progress.receivedBytes()).isEqualTo(5);
            assertThat(progress.totalBytes()).isEqualTo(MEDIA.length);
            assertThat(progress.partial()).isNotNull();
        });
        assertThat(viewMidway.get()).isInstanceOfSatisfying(RecordingStatusResult.Known.class, known -> {
            assertThat(known.view().availability()).isEqualTo(RecordingAvailability.PROCESSING);
            assertThat(known.view().knownProgress().map(DownloadProgress::receivedBytes)).contains(5L);
        });
        assertThat(announcedMidway.get()).as("held plays woken as soon as audio can start").isEqualTo(1);
        assertThat(playedMidway.get()).containsExactly(10, 11, 12, 13, 14);
        assertThat(play()).as("stored whole afterwards").isInstanceOf(Playback.Ready.class);
    }

    @Test
    void aReaderAheadOfTheDownload_getsTheRestAsItArrives() {
        play();
        AtomicReference<CompletableFuture<byte[]>> reading = new AtomicReference<>();
        fx.provider.whileDownloading(() -> {
            GrowingRecording recording = growing(play());
            reading.set(CompletableFuture.supplyAsync(() -> read(recording, MEDIA.length)));
        });

        download();

        assertThat(reading.get().join()).containsExactly(MEDIA);
    }

    @Test
    void aDownloadThatStops_failsItsReader_neverEndingItShort() {
        play();
        AtomicReference<CompletableFuture<byte[]>> reading = new AtomicReference<>();
        fx.provider.whileDownloading(() -> {
            GrowingRecording recording = growing(play());
            reading.set(CompletableFuture.supplyAsync(() -> read(recording, MEDIA.length)));
            throw new ProviderException(FailureCause.PROVIDER_ERROR, "the media broke off (test)");
        });

        download();

        assertThat(reading.get()).failsWithin(FollowedDownload.CHECK.multipliedBy(5))
                .withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(UncheckedIOException.class)
                .withMessageContaining("the download stopped at byte 5 of 10");
        assertThat(play()).as("the next play asks again").isInstanceOf(Playback.Preparing.class);
    }

    /**
     * The download publishes and drops its partial after the play looked in the store and before it looks for the
     * partial: the play is answered from what was published, not asked to wait for a download already done (a player
     * told by a held ask that audio can start then got a 202, fatal to its audio element).
     */
    @Test
    void aDownloadThatFinishesWhileAPlayLooks_isPlayedAsStored_notPrepared() {
        assertThat(playedWhileTheDownloadFinishes(() -> { })).isInstanceOf(Playback.Ready.class);
    }

    /**
     * A play made mid-download, during which the download publishes and drops its partial (and does {@code more})
     * right after the play missed the recording in the store.
     */
    private Playback playedWhileTheDownloadFinishes(Runnable more) {
        play();
        AtomicReference<Playback> playedAsItFinished = new AtomicReference<>();
        fx.provider.whileDownloading(() -> {
            fx.store.afterNextMiss(call.sid(), () -> {
                fx.store.put(call.sid(), MEDIA);
                fx.store.dropPartials(call.sid());
                more.run();
            });
            playedAsItFinished.set(play());
        });
        download();
        return playedAsItFinished.get();
    }

    /**
     * The download publishes and its job is marked done after the play looked in the store: the job then admits a new
     * request (as for a recording evicted since), and the play is answered from what was published, not prepared.
     */
    @Test
    void aDownloadThatFinishesAndIsMarkedDoneWhileAPlayLooks_isPlayedAsStored_notPrepared() {
        assertThat(playedWhileTheDownloadFinishes(
                () -> fx.statuses.save(DownloadStatus.ready(call.sid(), MEDIA.length, NOW))))
                .isInstanceOf(Playback.Ready.class);
    }

    @Test
    void aDownloadWhoseLengthIsUnknown_isPrepared_notFollowed() {
        play();
        fx.statuses.save(DownloadStatus.downloading(call.sid(), new DownloadProgress(5, null, "somewhere"), NOW));

        assertThat(play()).isInstanceOf(Playback.Preparing.class);
    }
}
