package io.recstream.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WaveformBuilderTest {

    private static final int RATE = 8000;

    /** {@code seconds} of a square wave of {@code amplitude} on each channel, fed in chunks of odd sizes. */
    private static void feed(WaveformBuilder builder, double seconds, short... amplitude) {
        int channels = amplitude.length;
        short[] chunk = new short[997 * channels];
        long frames = Math.round(seconds * RATE);
        for (long sent = 0; sent < frames; ) {
            int inChunk = (int) Math.min(997, frames - sent);
            for (int frame = 0; frame < inChunk; frame++) {
                for (int channel = 0; channel < channels; channel++) {
                    chunk[frame * channels + channel] = (short) ((sent + frame) % 2 == 0 ? amplitude[channel]
                            : -amplitude[channel]);
                }
            }
            builder.samples(chunk, inChunk * channels);
            sent += inChunk;
        }
    }

    @Test
    void aLongRecording_fitsInAtMostTwoThousandPixels_andEveryPixelCoversItsSamples() {
        WaveformBuilder builder = new WaveformBuilder();
        builder.layout(1, RATE);
        feed(builder, 2 * 3600, (short) 8000);

        Waveform waveform = builder.build();

        assertThat(waveform.pixels()).isBetween(WaveformBuilder.MAX_PIXELS / 2, WaveformBuilder.MAX_PIXELS);
        assertThat((long) waveform.pixels() * waveform.samplesPerPixel()).isGreaterThanOrEqualTo(2L * 3600 * RATE);
        assertThat((long) (waveform.pixels() - 1) * waveform.samplesPerPixel()).isLessThan(2L * 3600 * RATE);
        assertThat(waveform.sampleRate()).isEqualTo(RATE);
    }

    @Test
    void thePeaksFollowTheSound_loudWhereItIsLoud_andQuietInThePauses() {
        WaveformBuilder builder = new WaveformBuilder();
        builder.layout(1, RATE);
        feed(builder, 10, (short) 0);
        feed(builder, 10, (short) 30000);
        feed(builder, 10, (short) 200);

        Waveform waveform = builder.build();

        int[] loudness = {0, 30000, 200}; // per 10 s
        for (int pixel = 0; pixel < waveform.pixels(); pixel++) {
            long first = (long) pixel * waveform.samplesPerPixel();
            long last = Math.min(first + waveform.samplesPerPixel(), 30L * RATE) - 1;
            int loudest = Math.max(loudness[(int) (first / (10 * RATE))], loudness[(int) (last / (10 * RATE))]);
            assertThat(waveform.max(pixel, 0)).as("pixel %d", pixel).isEqualTo(loudest >> 8);
            assertThat(waveform.min(pixel, 0)).as("pixel %d", pixel).isEqualTo(-loudest >> 8);
        }
    }

    @Test
    void aSingleClick_showsInThePixelItFallsIn_afterEveryMerge() {
        WaveformBuilder builder = new WaveformBuilder();
        builder.layout(1, RATE);
        long clickAt = 1_234_567;
        long dipAt = 2_346_703; // in the second block of a pair at the last merge
        short[] chunk = new short[1000];
        for (long first = 0; first < 3_000_000; first += chunk.length) {
            java.util.Arrays.fill(chunk, (short) 0);
            if (clickAt >= first && clickAt < first + chunk.length) {
                chunk[(int) (clickAt - first)] = 20000;
            }
            if (dipAt >= first && dipAt < first + chunk.length) {
                chunk[(int) (dipAt - first)] = -20000;
            }
            builder.samples(chunk, chunk.length);
        }

        Waveform waveform = builder.build();

        for (int pixel = 0; pixel < waveform.pixels(); pixel++) {
            boolean clicked = pixel == clickAt / waveform.samplesPerPixel();
            boolean dipped = pixel == dipAt / waveform.samplesPerPixel();
            assertThat(waveform.max(pixel, 0)).as("pixel %d", pixel).isEqualTo(clicked ? 20000 >> 8 : 0);
            assertThat(waveform.min(pixel, 0)).as("pixel %d", pixel).isEqualTo(dipped ? -20000 >> 8 : 0);
        }
    }

    @Test
    void twoChannels_keepTheirOwnPeaks() {
        WaveformBuilder builder = new WaveformBuilder();
        builder.layout(2, RATE);
        feed(builder, 5, (short) 20000, (short) 0);
        feed(builder, 5, (short) 0, (short) 20000);

        Waveform waveform = builder.build();

        int half = waveform.pixels() / 2;
        assertThat(waveform.max(half / 2, 0)).isEqualTo(20000 >> 8);
        assertThat(waveform.max(half / 2, 1)).isZero();
        assertThat(waveform.max(half + half / 2, 0)).isZero();
        assertThat(waveform.max(half + half / 2, 1)).isEqualTo(20000 >> 8);
    }

    @Test
    void aRecordingShorterThanTheWidth_hasAPixelPerSample() {
        WaveformBuilder builder = new WaveformBuilder();
        builder.layout(1, RATE);
        builder.samples(new short[] {100 << 8, -(50 << 8), 7 << 8}, 3);

        Waveform waveform = builder.build();

        assertThat(waveform.pixels()).isEqualTo(3);
        assertThat(waveform.samplesPerPixel()).isOne();
        assertThat(waveform.max(0, 0)).isEqualTo(100);
        assertThat(waveform.min(1, 0)).isEqualTo(-50);
        assertThat(waveform.max(2, 0)).isEqualTo(7);
    }

    @Test
    void samplesBeforeTheLayout_orNoLayoutAtAll_areRefused() {
        assertThatThrownBy(() -> new WaveformBuilder().samples(new short[1], 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new WaveformBuilder().build()).isInstanceOf(IllegalStateException.class);
    }
}
