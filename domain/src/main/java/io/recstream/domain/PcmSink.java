package io.recstream.domain;

/** Where decoded audio goes: its layout first, then its 16-bit samples, interleaved by channel, in order. */
public interface PcmSink {

    void layout(int channels, int sampleRate);

    /** The first {@code count} values of {@code interleaved}: a whole number of frames (one sample per channel). */
    void samples(short[] interleaved, int count);
}
