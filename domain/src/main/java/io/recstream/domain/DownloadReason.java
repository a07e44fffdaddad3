package io.recstream.domain;

import java.util.Locale;

/** Why a recording is wanted: a user playing it, a prefetch after the call, or another service asking. */
public enum DownloadReason {
    PLAYBACK, PREFETCH, EXTERNAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DownloadReason fromWireName(String name) {
        for (DownloadReason reason : values()) {
            if (reason.wireName().equals(name)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("reason must be playback, prefetch or external");
    }
}
