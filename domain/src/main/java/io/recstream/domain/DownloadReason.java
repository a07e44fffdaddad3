package io.recstream.domain;

/** Why a recording is wanted: a user playing it, a prefetch after the call, or another service asking. */
public enum DownloadReason {
    PLAYBACK, PREFETCH, EXTERNAL
}
