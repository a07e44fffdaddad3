package io.recstream.adapter.audio;

import io.recstream.application.port.out.AudioDecoder;
import io.recstream.application.port.out.RecordingStoreException;
import io.recstream.application.port.out.UndecodableAudioException;
import io.recstream.domain.PcmSink;
import io.recstream.domain.StoredRecording;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

/** MP3 through JLayer (pure Java), WAV through {@code javax.sound.sampled}; both read as a stream, frame by frame. */
public class JavaAudioDecoder implements AudioDecoder {

    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int WAV_CHUNK_FRAMES = 4096;

    @Override
    public void decode(StoredRecording recording, PcmSink sink) {
        try (InputStream in = new BufferedInputStream(Channels.newInputStream(recording.content().open()),
                BUFFER_BYTES)) {
            switch (recording.format()) {
                case MP3 -> decodeMp3(in, sink, recording);
                case WAV -> decodeWav(in, sink, recording);
            }
        } catch (IOException e) {
            throw new RecordingStoreException("cannot read the recording of " + recording.callSid(), e);
        }
    }

    private static void decodeMp3(InputStream in, PcmSink sink, StoredRecording recording) {
        Bitstream frames = new Bitstream(in);
        Decoder decoder = new Decoder();
        boolean laidOut = false;
        try {
            for (Header header = frames.readFrame(); header != null; header = frames.readFrame()) {
                SampleBuffer decoded = (SampleBuffer) decoder.decodeFrame(header, frames);
                if (!laidOut) {
                    sink.layout(decoded.getChannelCount(), decoded.getSampleFrequency());
                    laidOut = true;
                }
                sink.samples(decoded.getBuffer(), decoded.getBufferLength());
                frames.closeFrame();
            }
        } catch (BitstreamException | DecoderException | ArrayIndexOutOfBoundsException e) {
            // JLayer reports some corrupt frames by running off its tables
            throw new UndecodableAudioException("the recording of " + recording.callSid() + " is not MP3", e);
        }
        if (!laidOut) {
            throw new UndecodableAudioException("the recording of " + recording.callSid() + " has no MP3 frame", null);
        }
    }

    private static void decodeWav(InputStream in, PcmSink sink, StoredRecording recording) throws IOException {
        try (AudioInputStream source = AudioSystem.getAudioInputStream(in)) {
            AudioFormat format = source.getFormat();
            AudioFormat pcm = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, format.getSampleRate(), 16,
                    format.getChannels(), 2 * format.getChannels(), format.getSampleRate(), false);
            try (AudioInputStream samples = AudioSystem.getAudioInputStream(pcm, source)) {
                int channels = format.getChannels();
                sink.layout(channels, Math.round(format.getSampleRate()));
                byte[] bytes = new byte[WAV_CHUNK_FRAMES * pcm.getFrameSize()];
                short[] interleaved = new short[WAV_CHUNK_FRAMES * channels];
                int filled = 0;
                for (int read = samples.read(bytes, filled, bytes.length - filled); read >= 0;
                     read = samples.read(bytes, filled, bytes.length - filled)) {
                    filled += read;
                    int whole = filled - filled % pcm.getFrameSize();
                    for (int i = 0; i < whole / 2; i++) {
                        interleaved[i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
                    }
                    sink.samples(interleaved, whole / 2);
                    System.arraycopy(bytes, whole, bytes, 0, filled - whole);
                    filled -= whole;
                }
            }
        } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
            throw new UndecodableAudioException("the recording of " + recording.callSid() + " is not WAV", e);
        }
    }
}
