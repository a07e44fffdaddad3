package io.recstream.domain;

/** Where a recording's download job stands. */
public enum DownloadState {
    /** A command was published; no worker has taken it yet. */
    REQUESTED,
    /** A worker holds the lock and is fetching the media. */
    DOWNLOADING,
    /** The recording is in the store. */
    READY,
    /** The last attempt failed; {@link FailureCause#isPermanent()} says whether another attempt can help. */
    FAILED;

    public boolean isInFlight() {
        return this == REQUESTED || this == DOWNLOADING;
    }
}
