package io.recstream.adapter.audio;

import io.recstream.application.port.out.AudioDecoder;
import io.recstream.application.port.out.AudioDecoderContract;
import io.recstream.devkit.Samples;
import io.recstream.domain.AudioFormat;

/** The real decoder passes the port's contract, on one of the devkit's spoken MP3 samples (no tools needed). */
class JavaAudioDecoderContractTest extends AudioDecoderContract {

    @Override
    protected AudioDecoder decoder() {
        return new JavaAudioDecoder();
    }

    @Override
    protected byte[] audio() {
        return Samples.mp3(1);
    }

    @Override
    protected AudioFormat format() {
        return AudioFormat.MP3;
    }
}
