package io.recstream.devkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The devkit's spoken MP3 samples (1 to 3), real audio that a browser decodes. */
public final class Samples {

    private Samples() {
    }

    public static byte[] mp3(int number) {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/sample-" + number + ".mp3")) {
            if (in == null) {
                throw new IllegalStateException("sample " + number + " is missing from the devkit jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample played {@code times} over: MP3 is a sequence of self-contained frames, so it stays playable. */
    public static byte[] repeatedMp3(int number, int times) {
        byte[] one = mp3(number);
        byte[] many = new byte[one.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(one, 0, many, i * one.length, one.length);
        }
        return many;
    }
}
