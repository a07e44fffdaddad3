package io.recstream.domain;

/** How sure recstream is of which business owns a call. */
public enum Ownership {
    /** Said by the telephony service (the calls topic) or by Twilio's signed webhook. */
    AUTHORITATIVE,
    /** Assumed from a download command that named a call nobody had reported: gives way to an authoritative fact. */
    PROVISIONAL
}
