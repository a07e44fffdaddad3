package io.recstream.domain;

import java.util.Arrays;

/**
 * A recording's peaks, for a player to draw before it plays: per pixel and channel the lowest and the highest sample,
 * 8-bit, laid out as BBC audiowaveform does (pixel 0 channel 0 min, max, pixel 0 channel 1 min, max, pixel 1 ...).
 *
 * @param samplesPerPixel how many samples of each channel one pixel stands for
 * @param data            {@code pixels × channels × 2} values
 */
public record Waveform(int channels, int sampleRate, int samplesPerPixel, byte[] data) {

    public Waveform {
        if (channels < 1 || sampleRate < 1 || samplesPerPixel < 1 || data.length % (2 * channels) != 0) {
            throw new IllegalArgumentException("a waveform needs channels, a rate, samples per pixel and whole pixels");
        }
        data = data.clone();
    }

    public int pixels() {
        return data.length / (2 * channels);
    }

    public int min(int pixel, int channel) {
        return data[(pixel * channels + channel) * 2];
    }

    public int max(int pixel, int channel) {
        return data[(pixel * channels + channel) * 2 + 1];
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Waveform that && channels == that.channels && sampleRate == that.sampleRate
                && samplesPerPixel == that.samplesPerPixel && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * channels + sampleRate) + samplesPerPixel) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Waveform[" + channels + " channels, " + sampleRate + " Hz, " + pixels() + " pixels of "
                + samplesPerPixel + " samples]";
    }
}
