package io.recstream.adapter.web;

import java.util.Locale;
import org.springframework.http.HttpStatus;

/** Every problem recstream answers with, its HTTP status and the stable {@code code} clients switch on. */
public enum ProblemCode {
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Authentication required"),
    BUSINESS_ID_REQUIRED(HttpStatus.BAD_REQUEST, "business_id is required"),
    INVALID_CALL_SID(HttpStatus.BAD_REQUEST, "Malformed call SID"),
    INVALID_BUSINESS_ID(HttpStatus.BAD_REQUEST, "Malformed business_id"),
    INVALID_DIRECTION(HttpStatus.BAD_REQUEST, "Malformed direction"),
    INVALID_LIMIT(HttpStatus.BAD_REQUEST, "Malformed limit"),
    INVALID_CURSOR(HttpStatus.BAD_REQUEST, "Malformed cursor"),
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "Bad request"),
    BUSINESS_FORBIDDEN(HttpStatus.FORBIDDEN, "Business not allowed"),
    INVALID_SIGNATURE(HttpStatus.FORBIDDEN, "Invalid Twilio signature"),
    CALL_NOT_FOUND(HttpStatus.NOT_FOUND, "Call not found"),
    RECORDING_UNAVAILABLE(HttpStatus.NOT_FOUND, "Recording unavailable"),
    WAVEFORM_UNAVAILABLE(HttpStatus.NOT_FOUND, "Waveform unavailable"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    RECORDING_EXPIRED(HttpStatus.GONE, "Recording expired"),
    RANGE_NOT_SATISFIABLE(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "Range not satisfiable"),
    TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
    PROVIDER_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Recording provider unavailable"),
    QUEUE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Download queue unavailable"),
    STORAGE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Recording storage unavailable"),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Service temporarily unavailable"),
    RECORDING_NOT_READY(HttpStatus.GATEWAY_TIMEOUT, "Recording not ready");

    private final HttpStatus status;
    private final String title;

    ProblemCode(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
