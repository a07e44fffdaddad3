package io.recstream.domain;

import java.util.Optional;

/** The audio encodings a recording can be stored and served in. */
public enum AudioFormat {
    MP3("mp3", "audio/mpeg"),
    WAV("wav", "audio/wav");

    private final String extension;
    private final String mediaType;

    AudioFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<AudioFormat> fromExtension(String extension) {
        for (AudioFormat format : values()) {
            if (format.extension.equals(extension)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
