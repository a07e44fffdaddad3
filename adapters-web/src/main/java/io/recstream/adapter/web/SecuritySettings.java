package io.recstream.adapter.web;

import java.nio.charset.StandardCharsets;

/** The key that verifies access tokens ({@code recstream.security.jwt-secret}). */
public record SecuritySettings(String jwtSecret) {

    static final int MIN_SECRET_BYTES = 32;

    public SecuritySettings {
        if (jwtSecret == null || jwtSecret.isBlank()) {
            throw new IllegalArgumentException(
                    "recstream.security.jwt-secret is required: set it (or RECSTREAM_SECURITY_JWT_SECRET) to the HMAC-SHA256 key of your access tokens");
        }
        if (jwtSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("recstream.security.jwt-secret must be at least " + MIN_SECRET_BYTES
                    + " bytes long for HS256");
        }
    }

    @Override
    public String toString() {
        return "SecuritySettings[jwtSecret=<hidden>]";
    }
}
