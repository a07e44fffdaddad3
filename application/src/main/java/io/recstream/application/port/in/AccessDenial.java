package io.recstream.application.port.in;

/** Why a viewer may not see a call's recording. */
public enum AccessDenial {
    /** The requested business is not among the viewer's. */
    BUSINESS_FORBIDDEN,
    /** The call is unknown, has no recording, or belongs to another business: one answer, so nothing leaks. */
    CALL_NOT_FOUND
}
