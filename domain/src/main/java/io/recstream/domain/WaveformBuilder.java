package io.recstream.domain;

/**
 * Builds a {@link Waveform} from a recording's samples as they are decoded, in one pass and in bounded memory, without
 * knowing the recording's length beforehand: it keeps at most {@value #HELD_BLOCKS} blocks of samples per channel,
 * and whenever they fill up, merges each pair into one block twice as long. The waveform then has between
 * {@value #MAX_PIXELS} / 2 and {@value #MAX_PIXELS} pixels (a recording shorter than that, one per sample).
 */
public final class WaveformBuilder implements PcmSink {

    public static final int MAX_PIXELS = 2000;
    private static final int HELD_BLOCKS = 2 * MAX_PIXELS;

    private int channels;
    private int sampleRate;
    private int samplesPerBlock = 1;
    /** Per complete block and channel, at {@code block * channels + channel}. */
    private short[] mins;
    private short[] maxs;
    private int blocks;
    /** The block being filled: how many samples of each channel it has, and their extremes. */
    private int inBlock;
    private short[] blockMin;
    private short[] blockMax;

    @Override
    public void layout(int channels, int sampleRate) {
        if (this.channels != 0) {
            throw new IllegalStateException("the layout is given once");
        }
        if (channels < 1 || sampleRate < 1) {
            throw new IllegalArgumentException(channels + " channels at " + sampleRate + " Hz");
        }
        this.channels = channels;
        this.sampleRate = sampleRate;
        mins = new short[HELD_BLOCKS * channels];
        maxs = new short[HELD_BLOCKS * channels];
        blockMin = new short[channels];
        blockMax = new short[channels];
        startBlock();
    }

    @Override
    public void samples(short[] interleaved, int count) {
        if (channels == 0) {
            throw new IllegalStateException("samples before the layout");
        }
        for (int frame = 0; frame + channels <= count; frame += channels) {
            for (int channel = 0; channel < channels; channel++) {
                short sample = interleaved[frame + channel];
                blockMin[channel] = (short) Math.min(blockMin[channel], sample);
                blockMax[channel] = (short) Math.max(blockMax[channel], sample);
            }
            if (++inBlock == samplesPerBlock) {
                closeBlock();
            }
        }
    }

    /** The waveform of the samples so far; empty of pixels when there were none. */
    public Waveform build() {
        if (channels == 0) {
            throw new IllegalStateException("no layout: nothing was decoded");
        }
        if (inBlock > 0) {
            closeBlock();
        }
        while (blocks > MAX_PIXELS) {
            mergePairs();
        }
        byte[] data = new byte[blocks * channels * 2];
        for (int i = 0; i < blocks * channels; i++) {
            data[2 * i] = (byte) (mins[i] >> 8);
            data[2 * i + 1] = (byte) (maxs[i] >> 8);
        }
        return new Waveform(channels, sampleRate, samplesPerBlock, data);
    }

    private void closeBlock() {
        System.arraycopy(blockMin, 0, mins, blocks * channels, channels);
        System.arraycopy(blockMax, 0, maxs, blocks * channels, channels);
        blocks++;
        startBlock();
        if (blocks == HELD_BLOCKS) {
            mergePairs();
        }
    }

    private void startBlock() {
        inBlock = 0;
        java.util.Arrays.fill(blockMin, Short.MAX_VALUE);
        java.util.Arrays.fill(blockMax, Short.MIN_VALUE);
    }

    /** Each pair of blocks becomes one (an odd last block stays alone); blocks are then twice as long. */
    private void mergePairs() {
        int merged = (blocks + 1) / 2;
        for (int block = 0; block < merged; block++) {
            for (int channel = 0; channel < channels; channel++) {
                int first = 2 * block * channels + channel;
                int second = first + channels;
                boolean paired = 2 * block + 1 < blocks;
                mins[block * channels + channel] = paired ? (short) Math.min(mins[first], mins[second]) : mins[first];
                maxs[block * channels + channel] = paired ? (short) Math.max(maxs[first], maxs[second]) : maxs[first];
            }
        }
        blocks = merged;
        samplesPerBlock *= 2;
    }
}
