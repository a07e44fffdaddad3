package io.recstream.domain;

/** Why a download failed. Permanent causes are answered as such; transient ones are tried again. */
public enum FailureCause {
    /** Twilio was slow, failing or refusing (timeouts, 5xx, 429, a broken body): trying later can help. */
    PROVIDER_ERROR(false),
    /** The recording store could not write (disk full, I/O error): trying later can help. */
    STORAGE_ERROR(false),
    /** Twilio answered that the recording does not exist (deleted, or never was). */
    RECORDING_NOT_FOUND(true),
    /** Twilio lists no recording for the call. */
    CALL_HAS_NO_RECORDING(true),
    /** The recording turned out older than the retention allows. */
    RECORDING_EXPIRED(true),
    /** The command named a business that does not own the call. */
    BUSINESS_MISMATCH(true);

    private final boolean permanent;

    FailureCause(boolean permanent) {
        this.permanent = permanent;
    }

    public boolean isPermanent() {
        return permanent;
    }
}
