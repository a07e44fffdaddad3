package io.recstream.domain;

/** Why a download failed. Permanent causes are answered as such; transient ones are tried again. */
public enum FailureCause {
    /** Twilio was slow, failing or refusing (timeouts, 5xx, 429, a broken body): trying later can help. */
    PROVIDER_ERROR(false, true),
    /** The recording store could not write (disk full, I/O error): trying later can help. */
    STORAGE_ERROR(false, false),
    /** Twilio answered that the recording does not exist (deleted, or never was). */
    RECORDING_NOT_FOUND(true, true),
    /** Twilio lists no recording for the call. */
    CALL_HAS_NO_RECORDING(true, true),
    /** The recording turned out older than the retention allows. */
    RECORDING_EXPIRED(true, false),
    /** The recording is larger than recstream takes ({@code recstream.twilio.max-recording-size}). */
    RECORDING_TOO_LARGE(true, false);

    private final boolean permanent;
    private final boolean supersededByNewFacts;

    FailureCause(boolean permanent, boolean supersededByNewFacts) {
        this.permanent = permanent;
        this.supersededByNewFacts = supersededByNewFacts;
    }

    /**
     * Whether a recording reported later (Twilio's webhook, a fact naming the recording) may succeed where this
     * failed: Twilio lists a recording only after post-processing, and answers 404 for it meanwhile.
     */
    public boolean mayBeSupersededByNewFacts() {
        return supersededByNewFacts;
    }

    public boolean isPermanent() {
        return permanent;
    }
}
