package io.recstream.domain;

import java.util.Optional;

/**
 * How far a download has come.
 *
 * @param receivedBytes the bytes received and written so far
 * @param totalBytes    the recording's whole size, once the provider announced it; otherwise null
 * @param partial       the store's name for the bytes written so far, where a reader can follow them; otherwise null
 */
public record DownloadProgress(long receivedBytes, Long totalBytes, String partial) {

    public DownloadProgress {
        if (receivedBytes < 0 || (totalBytes != null && totalBytes < 0)) {
            throw new IllegalArgumentException("byte counts are never negative");
        }
    }

    /** Audio can start: there are bytes, their total is known (a length to answer with), and a place to read them. */
    public boolean canBeFollowed() {
        return receivedBytes > 0 && totalBytes != null && partial != null;
    }

    public Optional<Long> knownTotal() {
        return Optional.ofNullable(totalBytes);
    }
}
