package io.recstream.adapter.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.recstream.application.port.out.UndecodableAudioException;
import io.recstream.devkit.SpeechCalls;
import io.recstream.devkit.SpeechCalls.SpeechCall;
import io.recstream.devkit.SpeechCalls.Turn;
import io.recstream.domain.AudioFormat;
import io.recstream.domain.CallSid;
import io.recstream.domain.StoredRecording;
import io.recstream.domain.Waveform;
import io.recstream.domain.WaveformBuilder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real speech, made by the devkit with espeak-ng, sox and lame: the peaks follow who speaks when. */
class JavaAudioDecoderTest {

    /** An 8-bit peak above this is speech; below {@value #QUIET}, a pause (espeak-ng's silence is digital zero). */
    private static final int LOUD = 20;
    private static final int QUIET = 3;
    private static final double PAUSE_SECONDS = 3;

    @TempDir
    static Path directory;
    private static SpeechCall mono;
    private static SpeechCall twoChannels;

    private final JavaAudioDecoder decoder = new JavaAudioDecoder();

    @BeforeAll
    static void makeCalls() throws IOException {
        assumeTrue(SpeechCalls.toolsInstalled(), "these tests need " + SpeechCalls.TOOLS
                + " (apt-get install espeak-ng sox lame; .ci/run installs them)");
        mono = SpeechCalls.mono(Files.createDirectories(directory.resolve("mono")), PAUSE_SECONDS);
        twoChannels = SpeechCalls.twoChannels(Files.createDirectories(directory.resolve("two")));
    }

    private Waveform waveformOf(Path file, AudioFormat format) throws IOException {
        StoredRecording recording = new StoredRecording(new CallSid("CA" + "0".repeat(32)), format, Files.size(file),
                Instant.now(), () -> FileChannel.open(file, StandardOpenOption.READ));
        WaveformBuilder builder = new WaveformBuilder();
        decoder.decode(recording, builder);
        return builder.build();
    }

    /** The loudest peak of {@code channel} between two instants of the call, as the waveform shows it. */
    private static int loudest(Waveform waveform, int channel, double fromSeconds, double toSeconds) {
        int first = (int) (fromSeconds * waveform.sampleRate() / waveform.samplesPerPixel());
        int last = Math.min(waveform.pixels() - 1, (int) (toSeconds * waveform.sampleRate() / waveform.samplesPerPixel()));
        int loudest = 0;
        for (int pixel = first; pixel <= last; pixel++) {
            loudest = Math.max(loudest, Math.max(waveform.max(pixel, channel), -waveform.min(pixel, channel)));
        }
        return loudest;
    }

    @Test
    void aMonoCall_isLoudWhereItSpeaks_andQuietInItsPause() throws IOException {
        Waveform waveform = waveformOf(mono.mp3(), AudioFormat.MP3);

        assertThat(waveform.channels()).isOne();
        assertThat(waveform.pixels()).isBetween(100, WaveformBuilder.MAX_PIXELS);
        assertThat((double) waveform.pixels() * waveform.samplesPerPixel() / waveform.sampleRate())
                .as("seconds covered").isCloseTo(mono.seconds(), org.assertj.core.data.Offset.offset(1.0));
        Turn first = mono.turns().get(0);
        Turn second = mono.turns().get(1);
        assertThat(loudest(waveform, 0, first.fromSeconds(), first.toSeconds())).isGreaterThan(LOUD);
        assertThat(loudest(waveform, 0, first.toSeconds() + 0.5, second.fromSeconds() - 0.5)).isLessThan(QUIET);
        assertThat(loudest(waveform, 0, second.fromSeconds(), second.toSeconds())).isGreaterThan(LOUD);
    }

    @Test
    void aTwoChannelCall_hasALanePerChannel_eachLoudOnlyWhileItsSpeakerTalks() throws IOException {
        Waveform waveform = waveformOf(twoChannels.mp3(), AudioFormat.MP3);

        assertThat(waveform.channels()).isEqualTo(2);
        Turn agent = twoChannels.turns().get(0);
        Turn customer = twoChannels.turns().get(1);
        assertThat(loudest(waveform, 0, agent.fromSeconds(), agent.toSeconds())).isGreaterThan(LOUD);
        assertThat(loudest(waveform, 1, agent.fromSeconds(), agent.toSeconds() - 0.5)).isLessThan(QUIET);
        assertThat(loudest(waveform, 0, customer.fromSeconds() + 0.5, customer.toSeconds())).isLessThan(QUIET);
        assertThat(loudest(waveform, 1, customer.fromSeconds(), customer.toSeconds())).isGreaterThan(LOUD);
    }

    @Test
    void aWavRecording_givesTheSamePeaksAsItsMp3() throws IOException {
        Waveform fromWav = waveformOf(mono.wav(), AudioFormat.WAV);
        Waveform fromMp3 = waveformOf(mono.mp3(), AudioFormat.MP3);

        assertThat(fromWav.sampleRate()).isEqualTo(SpeechCalls.SAMPLE_RATE);
        Turn first = mono.turns().get(0);
        assertThat(loudest(fromWav, 0, first.fromSeconds(), first.toSeconds())).isGreaterThan(LOUD);
        assertThat(loudest(fromWav, 0, first.toSeconds() + 0.5, mono.turns().get(1).fromSeconds() - 0.5))
                .isLessThan(QUIET);
        assertThat(loudest(fromWav, 0, first.fromSeconds(), first.toSeconds()))
                .isCloseTo(loudest(fromMp3, 0, first.fromSeconds(), first.toSeconds()),
                        org.assertj.core.data.Offset.offset(8));
    }

    @Test
    void bytesThatAreNotAudio_areUndecodable() throws IOException {
        Path noise = directory.resolve("not-audio.mp3");
        Files.writeString(noise, "<Error><Code>NoSuchKey</Code></Error>");

        assertThatThrownBy(() -> waveformOf(noise, AudioFormat.MP3)).isInstanceOf(UndecodableAudioException.class);
        assertThatThrownBy(() -> waveformOf(noise, AudioFormat.WAV)).isInstanceOf(UndecodableAudioException.class);
    }
}
